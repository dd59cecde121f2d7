import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 25: each claim an audit found beyond the reference text, pinned as corrected. Every check reads the
 * request bodies in data/ and the words the text uses, never a list of expected ids alone.
 */
interface Request {
  key: string;
  path: string;
  body: Record<string, unknown> & { note?: string; source?: { quote?: string } };
}
const DATA = join(__dirname, '..', '..', 'data');
const requests: Request[] = readdirSync(DATA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(DATA, d.name))
      .filter((f) => /^\d\d-.*\.json$/.test(f))
      .sort()
      .flatMap((f) => (JSON.parse(readFileSync(join(DATA, d.name, f), 'utf8')) as { requests: Request[] }).requests),
  );
const byKey = (key: string) => requests.find((r) => r.key === key);
const motions = requests.filter((r) => /\/motions$/.test(r.path));
const results = requests.filter((r) => /\/motions\/[^/]+\/result$/.test(r.path));
/** The mode the API records for a motion body (motionModeOf in the domain, restated). */
const modeOf = (b: Request['body']) => (b.mode as string | undefined) ?? (b.online === true ? 'online' : b.meetingId !== undefined ? 'meeting' : 'unknown');

describe('claims beyond the text, corrected (issue 25)', () => {
  it('no motion is recorded as decided online unless its quote says "online" or "vote on the website"', () => {
    const online = motions.filter((m) => modeOf(m.body) === 'online');
    for (const m of online) expect([m.key, /online|vote on the website/i.test(m.body.source?.quote ?? '')]).toEqual([m.key, true]);
    // The four the text says only "adopted", "published" or "voting ... was completed" about:
    for (const id of ['cc-statement-15-december-march', 'online-2013-03-05-road-statement', 'online-2013-03-05-political-prisoners', 'online-forum-for-a-free-russia']) {
      const m = motions.find((x) => x.body.motionId === id)!;
      expect([id, modeOf(m.body), m.body.online]).toEqual([id, 'unknown', undefined]);
    }
  });

  it('a result whose quote gives a publication day does not date the decision to it', () => {
    for (const r of results.filter((x) => /published/.test(x.body.source?.quote ?? ''))) {
      expect(r.body.decidedOn).toMatch(/\//); // an interval ending on the publication day, not the day itself
      expect(r.body.note).toMatch(/published/);
    }
    expect(byKey('cc/motion/cc-statement-15-december-march/result')!.body.decidedOn).toBe('2012-11-24/2012-12-14');
  });

  it('the January decision on a "March against the Executioners" is not said to be the march of 12 June', () => {
    const note = byKey('cc/motion/m04-march-against-the-executioners')!.body.note!;
    expect(note).not.toMatch(/took place/);
    expect(note).toMatch(/does not say whether/);
  });

  it('no online vote on the mayor candidate is recorded as opened: the text says only that it was decided to put it to one', () => {
    expect(motions.filter((m) => Array.isArray(m.body.options) && (m.body.options as string[]).includes('Sergey Udaltsov'))).toEqual([]);
    expect(byKey('cc/motion/online-single-candidate-mayor-of-moscow')).toBeUndefined();
    expect(byKey('cc/motion/m09-put-mayor-candidate-to-online-vote')!.body.note).toMatch(/no online vote is recorded/);
  });

  it('nobody is called a co-author: the text says "prepared by" and "proposed by" a group', () => {
    for (const r of requests) expect([r.key, /co-?author/i.test(JSON.stringify(r.body))]).toEqual([r.key, false]);
    for (const id of ['andrei-illarionov', 'anton-dolgih', 'andrei-piontkovsky']) {
      expect(byKey(`cc/member/${id}`)!.body.note).toMatch(/group that proposed the alternative programmatic statement/i);
    }
  });

  it('the goals group and the nine: whether it was among them is left open', () => {
    const groups = requests.filter((r) => r.key.startsWith('cc/working-group/'));
    for (const g of groups) expect([g.key, /among the (nine|\\"nine working groups\\"|"nine working groups")/.test(g.body.note ?? '')]).toEqual([g.key, true]);
  });

  it('Zhukovsky: the month-long election is tied to the missing electronic verification, as the text ties it', () => {
    const note = byKey('zhukovsky-peoples-council/election')!.body.note!;
    expect(note).toContain('Therefore, the elections lasted a month, from 23 February to 24 March, so that members of the Election Committee could check the data of voters.');
    expect(note).not.toMatch(/without electronic verification of voters, so that/);
  });

  it("Piontkovsky's own stated reason for leaving is recorded beside the chronology's", () => {
    expect(byKey('cc/departure/andrei-piontkovsky')!.body.note).toContain('I have little time and a lot of unfinished work.');
  });
});
