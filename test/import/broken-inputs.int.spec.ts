import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs, runCli } from '../../src/import/cli';
import { planCsv } from '../../src/import/csv/csv-plan';
import { planPopolo } from '../../src/import/popolo/popolo-plan';
import { ImportReport } from '../../src/import/report';

const FIXTURES = join(__dirname, 'fixtures');

/** Runs the CLI logic with a client that must never be asked for: a broken input is refused before any write. */
async function run(format: 'popolo' | 'csv', input: string, extra: string[] = []): Promise<{ code: number; output: string; contacted: boolean }> {
  let output = '';
  let contacted = false;
  const err = new Writable({ write(chunk, _enc, done) { output += String(chunk); done(); } });
  const args = parseArgs([input, '--quiet', ...extra], 'usage');
  const { code } = await runCli(
    args,
    (a) => (format === 'popolo' ? planPopolo(a.input, { council: a.council, strict: a.strict }) : planCsv(a.input, { council: a.council, strict: a.strict })),
    async () => {
      contacted = true;
      throw new Error('no service in this test');
    },
    format,
    err,
  );
  return { code, output, contacted };
}

describe('broken inputs: exit 1, a message naming the file and the record, nothing sent', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-broken-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['popolo', 'broken/invalid.json', /invalid\.json, vote_events\[1\]: invalid JSON/],
    ['popolo', 'broken/unknown-person.json --strict', /unknown-person\.json, vote_events\[0\] \(id "ve1"\) votes\[1\]: unknown person "p99"/],
    ['popolo', 'broken/undated-vote.json --strict', /undated-vote\.json, vote_events\[1\] \(id "ve-undated"\): the vote event has no date/],
    ['popolo', 'broken/no-such-file.json', /no-such-file\.json: no such file or folder/],
    ['csv', 'csv/missing-votes', /missing-votes\/votes\.csv: missing/],
  ] as const)('%s %s', async (format, input, message) => {
    const [file, ...extra] = input.split(' ');
    const result = await run(format, join(FIXTURES, file), extra);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(message);
    expect(result.output).toContain('Nothing was recorded.');
    expect(result.contacted).toBe(false);
  });

  it('csv: an unknown voter in votes.csv is skipped with its row and reason; --strict refuses the package, naming the row', async () => {
    const pkg = join(dir, 'bad-voter');
    require('node:fs').mkdirSync(pkg);
    writeFileSync(join(pkg, 'voters.csv'), 'id,name,party\nv1,A,X\n');
    writeFileSync(join(pkg, 'vote_events.csv'), 'id,start_date,motion:text,legislative_session_id,result\ne1,2020-01-01,M,s1,pass\n');
    writeFileSync(join(pkg, 'votes.csv'), 'vote_event_id,voter_id,option\ne1,v1,yes\ne1,v9,no\n');
    const report = new ImportReport(pkg);
    const plan = await planCsv(pkg, { report });
    expect(plan.councils[0].expectedVotes).toBe(1);
    expect(report.skips).toEqual([{ file: join(pkg, 'votes.csv'), record: 'row at line 3 (voter_id "v9")', reason: 'unknown person: not in voters.csv' }]);
    const result = await run('csv', pkg, ['--strict']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/votes\.csv, row at line 3 \(voter_id "v9"\): unknown person: not in voters\.csv/);
    expect(result.contacted).toBe(false);
  });

  it('a 50 MB Popolo file broken in its last record is refused whole before anything is sent (its memory is measured in the bench, not here)', async () => {
    const file = join(dir, 'big.json');
    const out = createWriteStream(file);
    const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
    const seats = 200;
    await write('{"organizations":[{"id":"x","name":"Big","classification":"legislature"}],"persons":[');
    for (let p = 0; p < seats; p++) await write(`${p ? ',' : ''}{"id":"p${p}","name":"Person ${p}"}`);
    await write('],"memberships":[');
    for (let p = 0; p < seats; p++) await write(`${p ? ',' : ''}{"person_id":"p${p}","organization_id":"x","start_date":"2020-01-01"}`);
    await write('],"vote_events":[');
    let bytes = 0;
    let v = 0;
    while (bytes < 50 * 1024 * 1024) {
      const votes = Array.from({ length: seats }, (_, p) => `{"voter_id":"p${p}","option":"${p % 3 ? 'yes' : 'no'}"}`).join(',');
      const text = `${v ? ',' : ''}{"id":"ve${v}","start_date":"2020-02-01","votes":[${votes}]}`;
      bytes += text.length;
      await write(text);
      v++;
    }
    await write(`,{"id":"ve-last","start_date":"2020-02-02","votes":[{"voter_id":"nobody","option":"yes"}]}]}`);
    await new Promise((resolve) => out.end(resolve));
    const result = await run('popolo', file, ['--strict']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(new RegExp(`big\\.json, vote_events\\[${v}\\] \\(id "ve-last"\\) votes\\[0\\]: unknown person "nobody"`));
    expect(result.contacted).toBe(false);
  }, 120_000);
});
