import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReference, readSharedReference, REFERENCE_PATH } from './reference-text';

/**
 * Every fact in data/ proves what it cites: its quote occurs verbatim in the reference text exactly where
 * its locator says, every locator names a place that exists, a departure's quote states the departure and a
 * result's quote states the result. Words a note puts in double quotes are the text's own words too.
 */
interface Request {
  key: string;
  path: string;
  body: Record<string, unknown> & { source?: { title?: string; locator?: string; quote?: string } };
}

const DATA = join(__dirname, '..', '..', 'data');
const requests: Array<Request & { file: string }> = readdirSync(DATA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(DATA, d.name))
      .filter((f) => /^\d\d-.*\.json$/.test(f))
      .sort()
      .flatMap((f) => (JSON.parse(readFileSync(join(DATA, d.name, f), 'utf8')) as { requests: Request[] }).requests.map((r) => ({ ...r, file: `${d.name}/${f}` }))),
  );
const reference = readReference();
const TITLE = 'Coordination Council of the Russian Opposition (reference text)';

describe('the reference text as places a locator names', () => {
  it('is the shared reference text, copied verbatim beside the dataset', () => {
    const shared = readSharedReference();
    if (shared === undefined) return; // a clone without ../shared: the copy is what the data is checked against
    expect(readFileSync(REFERENCE_PATH, 'utf8')).toBe(shared);
  });

  it('resolves headings, table rows, sub-lists, the infobox and the introduction, and nothing that is not there', () => {
    expect(reference.resolve('== Meetings of the CS == / table, row 10')).toEqual({ text: '| 11 | 21 September 2013 | | | | | |' });
    expect(reference.resolve('== Meetings of the CS == / table, row 11')).toEqual({ error: '== Meetings of the CS == has a table of 10 rows, not a row 11' });
    expect(reference.resolve('== Chronology == / === April 2013 ===')).toMatchObject({ text: expect.stringContaining('On 4 April, Andrei Piontkovsky') });
    expect(reference.resolve('== Chronology == / === April 2013 ===')).not.toMatchObject({ text: expect.stringContaining('On 27 May') });
    expect(reference.resolve('=== April 2013 ===')).toMatchObject({ error: expect.stringContaining('no heading') });
    const left = reference.resolve('== Composition of the council == / Left-wing forces');
    expect(left).toMatchObject({ text: expect.stringContaining('32. Ekaterina Aitova (left the CS)') });
    expect(left).not.toMatchObject({ text: expect.stringContaining('36. Sergey Davidis') });
    expect(reference.resolve('= Russian Opposition Coordination Council = / infobox')).toMatchObject({ text: expect.stringContaining('- Foundation: 22 October 2012') });
    expect(reference.resolve('= Russian Opposition Coordination Council = / introduction')).not.toMatchObject({ text: expect.stringContaining('== Elections') });
  });
});

describe('quotes over data/', () => {
  it(`covers every request of every dataset (${requests.length})`, () => {
    expect(requests.length).toBeGreaterThan(100);
  });

  for (const r of requests) {
    it(`${r.key}: cites the reference text, and its quote is where its locator says`, () => {
      const source = r.body.source;
      expect(source?.title).toBe(TITLE);
      const places = (source?.locator ?? '').split('; ').map((l) => ({ locator: l, place: reference.resolve(l) }));
      for (const { locator, place } of places) expect({ locator, error: 'error' in place ? place.error : undefined }).toEqual({ locator, error: undefined });
      const quote = source?.quote ?? '';
      expect(quote.length).toBeGreaterThan(0);
      const found = places.some(({ place }) => 'text' in place && place.text.includes(quote));
      expect({ quote, found }).toEqual({ quote, found: true });
    });
  }

  it('every phrase a note or reason puts in double quotes is the text\'s own words', () => {
    const misquoted: string[] = [];
    for (const r of requests) {
      for (const field of ['note', 'reason']) {
        const text = r.body[field];
        if (typeof text !== 'string') continue;
        for (const m of text.matchAll(/"([^"]+)"/g)) if (!reference.text.includes(m[1])) misquoted.push(`${r.key} ${field}: "${m[1]}"`);
      }
    }
    expect(misquoted).toEqual([]);
  });

  it("a departure's quote states the departure of that member, not only their name", () => {
    const members = new Map<string, string[]>();
    for (const r of requests) if (r.path.endsWith('/members')) members.set(r.body.memberId as string, [r.body.name as string, ...((r.body.aliases as string[]) ?? [])]);
    const departures = requests.filter((r) => r.path.endsWith('/departure'));
    expect(departures.length).toBe(10);
    for (const r of departures) {
      const memberId = /members\/([^/]+)\/departure$/.exec(r.path)![1];
      const quote = r.body.source!.quote!;
      const names = members.get(memberId)!;
      expect({ key: r.key, names: names.some((n) => quote.includes(n)), states: /\b(left|withdrawal|leaving)\b/.test(quote) }).toEqual({ key: r.key, names: true, states: true });
    }
  });

  it("a result's quote states the result: the outcome, the winner, the figures", () => {
    const results = requests.filter((r) => r.path.endsWith('/result'));
    expect(results.length).toBeGreaterThan(20);
    for (const r of results) {
      const quote = r.body.source!.quote!;
      const outcome = r.body.reportedOutcome as string | undefined;
      const winner = r.body.reportedWinner as string | undefined;
      const counts = (r.body.counts ?? {}) as Record<string, number>;
      const states = {
        key: r.key,
        outcome: outcome === undefined || (outcome === 'adopted'
          ? /adopted|published|approved|elected|decided|chose|supported|named|appointed|positive decision|intention|decisions were made|majority|organized/i.test(quote)
          : /refused|rejected|did not/.test(quote)),
        winner: winner === undefined || (quote.includes(winner) && /elected|won|chose/.test(quote)),
        figures: Object.values(counts).every((n) => quote.includes(String(n))),
      };
      expect(states).toEqual({ key: r.key, outcome: true, winner: true, figures: true });
    }
  });

  it("a numbered meeting's table row is the row holding that number (meeting 11 sits in the 10th row)", () => {
    for (const r of requests.filter((x) => x.path.endsWith('/meetings') && x.body.number !== undefined)) {
      const row = /table, row (\d+)/.exec(r.body.source!.locator!);
      if (!row) continue;
      const place = reference.resolve(`== Meetings of the CS == / table, row ${row[1]}`);
      expect({ key: r.key, row: 'text' in place ? place.text.split('|')[1].trim() : place.error }).toEqual({ key: r.key, row: String(r.body.number) });
    }
  });
});
