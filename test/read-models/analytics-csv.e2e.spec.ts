import { TestApp, startTestApp } from '../helpers/test-app';
import { ANALYST_COUNCIL, recordAnalystCouncil } from '../helpers/analyst-council';

/**
 * The analyst's tables as CSV downloads (issue 27): `analytics/attendance?format=csv` and
 * `analytics/cohesion?format=csv`, by curia, by group and (attendance) by member. Each CSV is checked
 * against rows built here from the JSON read of the same question, and a few figures against the record
 * itself, counted by hand from the fixture. Through HTTP on the real store.
 */

/** RFC 4180, parsed here (not with the product's writer): quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

type Json = Record<string, unknown>;
/** A cell as the CSV must write it: a number or text as it is, a figure the JSON does not have as empty. */
const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));

describe('analytics as CSV downloads (e2e)', () => {
  let t: TestApp;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp();
    position = await recordAnalystCouncil(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function both(path: string): Promise<{ json: Json; csv: string[][]; type: string; disposition: string }> {
    const sep = path.includes('?') ? '&' : '?';
    const json = await t.http().get(`/api/councils/${ANALYST_COUNCIL}/${path}${sep}minPosition=${position}`).expect(200);
    const csv = await t.http().get(`/api/councils/${ANALYST_COUNCIL}/${path}${sep}format=csv&minPosition=${position}`).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    }).expect(200);
    return { json: json.body, csv: parseCsv(csv.body as string), type: csv.headers['content-type'], disposition: csv.headers['content-disposition'] };
  }

  /** A bucket row of attendance: its figures when some member-meeting was counted, else only eligible (0). */
  const attendanceRow = (b: Json) =>
    (b.eligible as number) > 0
      ? [b.key, b.name, b.members, b.attended, b.missed, b.eligible, b.rate].map(cell)
      : [cell(b.key), cell(b.name), '', '', '', cell(b.eligible), ''];

  it('attendance by curia: one row per curia, the empty curia without figures, never 0 for an unknown', async () => {
    const { json, csv, type, disposition } = await both('analytics/attendance?by=curia');
    expect(type).toMatch(/^text\/csv/);
    expect(disposition).toBe(`attachment; filename="${ANALYST_COUNCIL}-attendance-by-curia.csv"`);
    expect(csv[0]).toEqual(['curia', 'name', 'members', 'attended', 'missed', 'eligible', 'rate']);
    expect(csv.slice(1)).toEqual((json.curiae as Json[]).map(attendanceRow));
    // By hand from the fixture: the general curia (4 members) over the 2 meetings naming who attended:
    // s1 ann, bob, cat; s2 ann, cat, dan → 6 of 8; the regional curia has no member, so no figure.
    expect(csv.find((r) => r[0] === 'general')).toEqual(['general', 'General curia', '4', '6', '2', '8', '0.75']);
    expect(csv.find((r) => r[0] === 'regional')).toEqual(['regional', 'Regional curia', '', '', '', '0', '']);
  });

  it('attendance by group and by member', async () => {
    const byGroup = await both('analytics/attendance?by=group');
    expect(byGroup.csv[0]).toEqual(['group', 'name', 'members', 'attended', 'missed', 'eligible', 'rate']);
    expect(byGroup.csv.slice(1)).toEqual((byGroup.json.groups as Json[]).map(attendanceRow));
    // Reds: ann and bob; s1 both, s2 ann only → 3 of 4.
    expect(byGroup.csv.find((r) => r[0] === 'reds')).toEqual(['reds', 'Reds', '2', '3', '1', '4', '0.75']);
    expect(byGroup.disposition).toContain(`${ANALYST_COUNCIL}-attendance-by-group.csv`);

    const byMember = await both('analytics/attendance');
    expect(byMember.csv[0]).toEqual(['memberId', 'name', 'curia', 'attended', 'missed', 'eligible', 'rate', 'undecidable']);
    expect(byMember.csv.slice(1)).toEqual(
      (byMember.json.members as Json[]).map((m) =>
        (m.eligible as number) > 0
          ? [m.memberId, m.name, m.curia, m.attended, m.missed, m.eligible, m.rate, m.undecidable].map(cell)
          : [cell(m.memberId), cell(m.name), cell(m.curia), '', '', cell(m.eligible), '', cell(m.undecidable)],
      ),
    );
    expect(byMember.csv.find((r) => r[0] === 'dan')?.slice(3, 7)).toEqual(['1', '1', '2', '0.5']);
  });

  it('cohesion by curia and by group: the Rice index, empty where no motion has two yes/no votes', async () => {
    const byCuria = await both('analytics/cohesion?by=curia');
    expect(byCuria.csv[0]).toEqual(['curia', 'name', 'motions', 'rice']);
    expect(byCuria.csv.slice(1)).toEqual((byCuria.json.curiae as Json[]).map((c) => [c.curia, c.name, c.motions, c.rice].map(cell)));
    // General: m1 yes 2 / no 1, m2 yes 1 / no 2 → Rice 1/3 on both; youth: m1 yes 1 / no 1 → 0 (m2 has one vote);
    // regional: no vote → no index.
    expect(byCuria.csv.find((r) => r[0] === 'general')).toEqual(['general', 'General curia', '2', '0.3333']);
    expect(byCuria.csv.find((r) => r[0] === 'youth')).toEqual(['youth', 'Youth curia', '1', '0']);
    expect(byCuria.csv.find((r) => r[0] === 'regional')).toEqual(['regional', 'Regional curia', '0', '']);
    expect(byCuria.disposition).toContain(`${ANALYST_COUNCIL}-cohesion-by-curia.csv`);

    const byGroup = await both('analytics/cohesion?by=group');
    expect(byGroup.csv[0]).toEqual(['group', 'name', 'motions', 'rice']);
    expect(byGroup.csv.slice(1)).toEqual((byGroup.json.groups as Json[]).map((g) => [g.group, g.name, g.motions, g.rice].map(cell)));
    // Greens: fay alone, never two yes/no votes → no index.
    expect(byGroup.csv.find((r) => r[0] === 'greens')).toEqual(['greens', 'Greens', '0', '']);
  });

  it('an unknown format is a 400 problem naming the field', async () => {
    const res = await t.http().get(`/api/councils/${ANALYST_COUNCIL}/analytics/cohesion?format=xml`).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(res.body)).toContain('format');
  });
});
