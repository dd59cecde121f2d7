/**
 * The explorer's voting page in a real browser (Debian's Chromium driven by playwright-core): a voting run
 * over the HTTP API on a temp DATA_DIR (two lists, one of them ending in a tie), closed, then shown with its
 * turnout and results per list, and a voter finding their ballot by receipt.
 *
 * Without Chromium these tests are skipped with one line saying how to install it; with
 * REQUIRE_BROWSER_TESTS=1 a missing browser is a failure instead. Screenshots go to test-output/screenshots/
 * (or SCREENSHOT_DIR).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TestApp } from '../helpers/test-app';
import { foundCouncil, instant } from '../votings/fixture';
import { SCREENSHOTS, describeBrowser, explorerInChromium, seriousA11yViolations } from './browser-suite';

jest.setTimeout(180_000);

const GENERAL = [
  { candidateId: 'olga-ivanova', name: 'Olga Ivanova' },
  { candidateId: 'pavel-smirnov', name: 'Pavel Smirnov' },
  { candidateId: 'irina-kuznetsova', name: 'Irina Kuznetsova' },
  { candidateId: 'sergei-popov', name: 'Sergei Popov' },
];
const LEFT = [
  { candidateId: 'anna-sokolova', name: 'Anna Sokolova' },
  { candidateId: 'dmitri-lebedev', name: 'Dmitri Lebedev' },
  { candidateId: 'elena-kozlova', name: 'Elena Kozlova' },
];
/** Ten ballots: general list 2 seats (Olga 8, Pavel 6, Irina 4, Sergei 2), left list 1 seat (Anna and Dmitri tie at 4). */
const BALLOTS: Array<Record<string, string[]>> = [
  { general: ['olga-ivanova', 'pavel-smirnov'], left: ['anna-sokolova'] },
  { general: ['olga-ivanova', 'pavel-smirnov'], left: ['anna-sokolova'] },
  { general: ['olga-ivanova', 'pavel-smirnov'], left: ['anna-sokolova'] },
  { general: ['olga-ivanova', 'irina-kuznetsova'], left: ['anna-sokolova'] },
  { general: ['olga-ivanova', 'irina-kuznetsova'], left: ['dmitri-lebedev'] },
  { general: ['olga-ivanova', 'pavel-smirnov'], left: ['dmitri-lebedev'] },
  { general: ['olga-ivanova', 'pavel-smirnov'], left: ['dmitri-lebedev'] },
  { general: ['olga-ivanova', 'pavel-smirnov'], left: ['dmitri-lebedev'] },
  { general: ['irina-kuznetsova', 'sergei-popov'], left: ['elena-kozlova'] },
  { general: ['irina-kuznetsova', 'sergei-popov'], left: [] },
];

describeBrowser('explorer in Chromium: a voting page', () => {
  const receipts: string[] = [];
  const session = explorerInChromium({
    width: 1280,
    seed: async ({ app }) => {
      // The voting, run over the API: two lists seating two curiae, twelve voters of whom ten vote.
      await foundCouncil(app, 'pc', 3, [
        { key: 'general', name: 'General list', seats: 2 },
        { key: 'left', name: 'Left curia', seats: 1 },
      ]);
      const scheduled = await app.http().post('/api/councils/pc/votings').set(app.admin).send({
        votingId: 'pc-2013', title: "People's Council election 2013", opensAt: instant(-1000), closesAt: instant(3_600_000), verification: 'committee', minBatch: 3,
        ballots: [
          { key: 'general', title: 'General list', curia: 'general', seats: 2, maxMarks: 2, candidates: GENERAL },
          { key: 'left', title: 'Left curia', curia: 'left', seats: 1, maxMarks: 1, candidates: LEFT },
        ],
      });
      expect(scheduled.status).toBe(201);
      for (let i = 0; i < 12; i++) {
        const voter = (await app.http().post('/api/votings/pc-2013/voters').send({ name: `Voter ${i}` })).body as { voterId: string; voterToken: string };
        expect((await app.http().post(`/api/votings/pc-2013/voters/${voter.voterId}/verification`).set(app.admin).send({ verified: true })).status).toBe(201);
        if (i >= BALLOTS.length) continue;
        const cast = await app.http().post('/api/votings/pc-2013/ballots').set('Authorization', `Bearer ${voter.voterToken}`).send({ marks: BALLOTS[i] });
        expect(cast.status).toBe(201);
        receipts.push(cast.body.receipt);
      }
      expect((await app.http().post('/api/votings/pc-2013/close').set(app.admin)).status).toBe(201);
    },
  });
  let app: TestApp;
  let base: string;
  let page: Page;
  beforeEach(() => {
    ({ app, base, page } = session);
  });

  async function noSeriousA11yViolations(): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  /** Per candidate row of a list: [rank, name, marks, result]. */
  async function rows(list: string): Promise<string[][]> {
    const out: string[][] = [];
    for (const row of await page.locator(`[data-testid="ballot-${list}"] tbody tr`).all()) {
      out.push((await row.locator('th, td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim()));
    }
    return out;
  }

  it('shows the turnout and the results per list, the tie said in words; no serious accessibility violation', async () => {
    await page.goto(`${base}/votings/pc-2013`);
    await page.locator('main[data-loaded="true"]').waitFor();
    await page.getByTestId('ballot-left').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("People's Council election 2013");
    expect(await page.getByTestId('voting-status').textContent()).toBe('closed');
    expect(await page.getByTestId('turnout-registered').textContent()).toBe('12');
    expect(await page.getByTestId('turnout-verified').textContent()).toBe('12');
    expect(await page.getByTestId('turnout-ballots-cast').textContent()).toBe('10');
    expect(await page.getByTestId('turnout-share').textContent()).toContain('83.3%');

    expect(await rows('general')).toEqual([
      ['1', 'Olga Ivanova', '8', 'elected'],
      ['2', 'Pavel Smirnov', '6', 'elected'],
      ['3', 'Irina Kuznetsova', '4', ''],
      ['4', 'Sergei Popov', '2', ''],
    ]);
    expect(await rows('left')).toEqual([
      ['1', 'Anna Sokolova', '4', 'tied for the last seat'],
      ['1', 'Dmitri Lebedev', '4', 'tied for the last seat'],
      ['3', 'Elena Kozlova', '1', ''],
    ]);
    const tie = (await page.getByTestId('ballot-left').getByTestId('tie').textContent())!;
    expect(tie).toContain('Anna Sokolova, Dmitri Lebedev have 4 marks each for 1 seat');
    expect(await page.getByTestId('ballot-general').getByTestId('tie').count()).toBe(0);
    // Two seats filled from the general list; the left seat waits for the committee.
    expect(await page.getByTestId('council-recorded').textContent()).toContain('2 members elected');

    await noSeriousA11yViolations();
    await page.screenshot({ path: join(SCREENSHOTS, 'voting-results.png'), fullPage: true });
  });

  it('finds a ballot by its receipt, searching the bulletin in the browser (the receipt is never sent); an unknown receipt says so', async () => {
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.url()));
    await page.goto(`${base}/votings/pc-2013`);
    await page.getByTestId('ballot-left').waitFor();

    await page.getByLabel('Receipt').fill(receipts[4]);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('receipt-marks').waitFor();
    const marks = await page.$$eval('[data-testid="receipt-marks"] li', (lis) => lis.map((li) => (li.textContent ?? '').trim()));
    expect(marks).toEqual(['General list: Olga Ivanova, Irina Kuznetsova', 'Left curia: Dmitri Lebedev']);
    expect(await page.getByTestId('receipt-result').textContent()).toContain('Your ballot is in the bulletin');
    await noSeriousA11yViolations();
    await page.screenshot({ path: join(SCREENSHOTS, 'voting-receipt.png'), fullPage: true });

    // The last ballot marked nothing on the left list: said so, not left blank.
    await page.getByLabel('Receipt').fill(receipts[9]);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('receipt-marks').getByText('Left curia: no marks').waitFor();

    await page.getByLabel('Receipt').fill('r-000000000000000000000000');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('receipt-result').getByText('No ballot with the receipt r-000000000000000000000000 is in the bulletin (10 ballots).').waitFor();
    expect(await page.getByTestId('receipt-marks').count()).toBe(0);

    expect(sent.some((u) => u.includes('/api/votings/pc-2013/bulletin'))).toBe(true);
    for (const r of [receipts[4], receipts[9], 'r-000000000000000000000000']) expect(sent.filter((u) => u.includes(r))).toEqual([]);
  });

  it('the council page lists its votings, linked to their own page; the elected members\' "Since" is a day, not a timestamp', async () => {
    await page.goto(`${base}/councils/pc`);
    await page.locator('main[data-loaded="true"]').waitFor();
    const link = page.getByTestId('voting-link').filter({ hasText: "People's Council election 2013" });
    expect(await link.getAttribute('href')).toBe('/votings/pc-2013');
    // The election the voting recorded links to the voting's page, not to the bulletin's JSON.
    expect(await page.getByTestId('election-voting-link').getAttribute('href')).toBe('/votings/pc-2013');
    expect(await page.locator('#elections-h ~ ul a[href$="/bulletin"]:not(.muted)').count()).toBe(0);
    const since = await page.getByTestId('member-row').locator('td').nth(1).textContent();
    expect(since).not.toMatch(/T\d\d:|Z$/);
    expect(since).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await link.click();
    await page.waitForURL('**/votings/pc-2013');
    await page.getByTestId('voting-status').waitFor();
    await noSeriousA11yViolations();
  });

  it('an open voting shows its turnout so far and says the bulletin comes at closing', async () => {
    const open = await app.http().post('/api/councils/pc/votings').set(app.admin).send({
      votingId: 'pc-by-election', title: 'By-election', opensAt: instant(-1000), closesAt: instant(3_600_000), verification: 'none', minBatch: 2,
      ballots: [{ key: 'general', title: 'General list', curia: 'general', seats: 1, maxMarks: 1, candidates: GENERAL }],
    });
    expect(open.status).toBe(201);
    const voter = (await app.http().post('/api/votings/pc-by-election/voters').send({ name: 'Early voter' })).body as { voterToken: string };
    expect((await app.http().post('/api/votings/pc-by-election/ballots').set('Authorization', `Bearer ${voter.voterToken}`).send({ marks: { general: ['sergei-popov'] } })).status).toBe(201);

    await page.goto(`${base}/votings/pc-by-election`);
    await page.locator('main[data-loaded="true"]').waitFor();
    expect(await page.getByTestId('voting-status').textContent()).toBe('open');
    expect(await page.getByTestId('turnout-ballots-cast').textContent()).toBe('1');
    await page.getByText('No results yet (the voting is open).').waitFor();
    // While open, the candidates a voter chooses from are shown (issue 27).
    const candidates = await page.getByTestId('candidates').locator('li').allTextContents();
    expect(candidates.map((c) => c.trim())).toEqual(GENERAL.map((c) => c.name));
    await page.getByLabel('Receipt').fill('r-anything');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('receipt-result').getByText('The bulletin is published when the voting closes.').waitFor();
    await noSeriousA11yViolations();
  });
});
