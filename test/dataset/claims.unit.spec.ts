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

describe('facts the audit found missing, recorded with their quotes (issue 25)', () => {
  const quoteOf = (key: string) => byKey(key)!.body.source!.quote!;

  it('the ideology, the abbreviations, the one-year term and the first convocation, as the council description', () => {
    expect(byKey('cc/description/ideology')!.body.ideology).toEqual(['Liberalism (Russian)', 'Anti-Putinism']);
    expect(quoteOf('cc/description/ideology')).toBe('Ideology: Liberalism (Russian), Anti-Putinism');
    expect(byKey('cc/description/abbreviations')!.body.abbreviations).toEqual(quoteOf('cc/description/abbreviations').replace('Abbreviation: ', '').split(', '));
    expect(byKey('cc/description/term')!.body).toMatchObject({ term: 'P1Y', convocation: 1 });
    expect(quoteOf('cc/description/term')).toMatch(/first convocation was elected for one year/);
  });

  it('the website launch of 11 February 2013 is kept in the council note, in the text\'s words', () => {
    expect(byKey('cc/council')!.body.note).toContain('"On 11 February, the CC website was launched."');
  });

  it('August 2013: "it was not possible to assemble the CCO meeting" is a meeting that could not be assembled, not a quorum failure', () => {
    const august = byKey('cc/meeting/meeting-2013-08-not-assembled')!;
    expect(august.body).toMatchObject({ date: '2013-08', reportedOutcome: 'not-assembled' });
    expect(august.body.presentCount).toBeUndefined();
    expect(august.body.source!.quote).toMatch(/not possible to assemble/);
  });

  it('the budget committee is a council body; the nine working groups are one fact, not nine placeholders', () => {
    expect(byKey('cc/body/budget-committee')!.body).toMatchObject({ kind: 'committee', name: 'Budget committee' });
    expect(quoteOf('cc/body/budget-committee')).toMatch(/budget committee/);
    expect(byKey('cc/body/nine-working-groups')!.body).toMatchObject({ kind: 'working-groups', count: 9 });
    expect(byKey('cc/body/nine-working-groups')!.body.members).toBeUndefined();
    expect(requests.filter((r) => /name not given/.test(String(r.body.name)))).toEqual([]);
  });

  it('the statements of 24 and 26 October 2012 are statements by part of the members, the second by 21 people', () => {
    const statements = requests.filter((r) => r.path.endsWith('/statements'));
    expect(statements.map((s) => [s.body.issuedOn, s.body.signatoryCount ?? null])).toEqual([['2012-10-24', null], ['2012-10-26', 21]]);
    expect(quoteOf('cc/statement/2012-10-26-appeal-lubyanka-lefortovo')).toContain('(21 people)');
  });

  it('statuses that are not departures: Udaltsov under house arrest, Adagamov moved to Prague, Gaskarov arrested', () => {
    const statuses = requests.filter((r) => r.path.endsWith('/statuses'));
    expect(statuses.map((s) => [/members\/([^/]+)\//.exec(s.path)![1], s.body.status])).toEqual([
      ['sergey-udaltsov', 'house-arrest'],
      ['rustem-adagamov', 'left-the-country'],
      ['alexei-gaskarov', 'arrested'],
    ]);
    for (const s of statuses) expect(s.body.source!.quote).toMatch(/house arrest|moved to Prague|arrest/);
  });

  it('the alternative statement\'s proposers as the text names them, the non-member by name', () => {
    expect(byKey('cc/motion/m03-alternative-programmatic-statement')!.body.proposers).toEqual(['A. Dolgih', 'A. Illarionov', 'I. Konstantinov', 'A. Piontkovsky']);
  });

  it('announced departures carry the announcement beside the effective date', () => {
    const announced = requests.filter((r) => r.path.endsWith('/departure') && r.body.announcedOn !== undefined);
    expect(announced).toHaveLength(7);
    for (const r of announced) expect(r.body.source!.quote).toMatch(/announced/);
  });
});

describe('election rules as the text states them (issue 25)', () => {
  it('the four ballots of October 2012 with their marks; Zhukovsky\'s registration and its committee check', () => {
    expect((byKey('cc/election/2012-10')!.body.rules as { ballots: unknown[] }).ballots).toEqual([
      { key: 'general', maxMarks: 30 },
      { key: 'left', maxMarks: 5 },
      { key: 'liberal', maxMarks: 5 },
      { key: 'nationalist', maxMarks: 5 },
    ]);
    expect(byKey('zhukovsky-peoples-council/election')!.body.rules).toMatchObject({ registration: { signatures: 20 }, voterVerification: 'committee' });
  });

  it('no placeholder seats or founding dates: a council\'s seats only where its quote or note cites "<n> seats" or "membership <n>"', () => {
    const foundings = requests.filter((r) => r.path === '/api/councils');
    expect(foundings).toHaveLength(3);
    for (const f of foundings) {
      const words = `${f.body.source?.quote ?? ''} ${f.body.note ?? ''}`;
      const stated = /(\d+) seats/.exec(words) ?? /membership (\d+)/.exec(words);
      if (f.body.seats !== undefined) expect({ key: f.key, seats: f.body.seats }).toEqual({ key: f.key, seats: Number(stated?.[1]) });
    }
    // Zhukovsky: "15 people were elected" is the election's electedCount, not a seat count.
    expect(byKey('zhukovsky-peoples-council/council')!.body).not.toHaveProperty('seats');
    expect(byKey('zhukovsky-peoples-council/election')!.body).toMatchObject({ electedCount: 15 });
    // Voronezh: the text gives no date at all.
    expect(byKey('voronezh-public-city-council/council')!.body).not.toHaveProperty('foundedOn');
    expect(byKey('voronezh-public-city-council/election')!.body).not.toHaveProperty('heldOn');
    const dates = requests.flatMap((r) => ['foundedOn', 'heldOn'].map((k) => r.body[k]).filter((v) => v !== undefined));
    expect(dates.filter((d) => /X/.test(String(d)))).toEqual([]);
    expect(byKey('voronezh-public-city-council/council')!.body).toMatchObject({ seats: 21 });
  });
});
