/**
 * Issue 27, second session, in Chromium: the "corrected" mark on a record longer than 200 meetings and
 * motions (from the lists' `corrections` count, without opening the corrections list), and the CSV
 * download beside each analyst table. Screenshots of the council and member pages at 1366 and 390 px in
 * test-output/screenshots/ (or SCREENSHOT_DIR); axe on each page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ANALYST_COUNCIL, recordAnalystCouncil } from '../helpers/analyst-council';
import { LONG_COUNCIL, LONG_MEETINGS, LONG_MOTIONS, LongCouncil, recordLongCouncil } from '../helpers/long-council';
import { SCREENSHOTS, describeBrowser, explorerInChromium, seriousA11yViolations } from './browser-suite';

jest.setTimeout(180_000);

// Evaluated in the page, where the DOM exists (this file is compiled without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

describeBrowser('explorer in Chromium: corrected marks on a long record, analyst downloads (issue 27)', () => {
  let long: LongCouncil;
  const session = explorerInChromium({
    width: 1366,
    seed: async ({ app }) => {
      long = await recordLongCouncil(app);
      await recordAnalystCouncil(app);
    },
  });
  let base: string;
  let page: Page;
  beforeEach(() => {
    ({ base, page } = session);
  });

  async function open(path: string): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.locator('main[data-loaded="true"]').waitFor();
  }

  async function shot(name: string): Promise<void> {
    await page.addStyleTag({ content: '.lazy-section { content-visibility: visible !important; }' });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  const meetingMark = (id: string) => page.locator(`[data-testid="meeting"][data-meeting-id="${id}"] [data-testid="corrected-mark"]`);

  it(`marks corrected meetings, motions and members of a record of ${LONG_MEETINGS} meetings and ${LONG_MOTIONS} motions without opening the corrections`, async () => {
    const audit: string[] = [];
    page.on('request', (r) => {
      if (/\/events\b/.test(new URL(r.url()).pathname)) audit.push(r.url());
    });
    await open(`/councils/${LONG_COUNCIL}?minPosition=${long.position}`);
    // The table shows the last 30 meetings: the 238th is among them, marked; the 5th is not shown yet.
    await meetingMark('m-238').waitFor();
    expect(await page.locator('[data-meeting-id="m-005"]').count()).toBe(0);
    expect(await page.getByTestId('meeting').getByTestId('corrected-mark').count()).toBe(1);
    await page.getByTestId('member-row').filter({ hasText: 'Bruno da Costa' }).getByTestId('corrected-mark').waitFor();
    expect(await page.getByTestId('member-row').getByTestId('corrected-mark').count()).toBe(1);
    await shot('issue27-long-record-1366');

    // Beyond the first rows: every meeting and motion, and exactly the corrected ones marked.
    await page.getByRole('button', { name: `Show all ${LONG_MEETINGS}` }).click();
    await meetingMark('m-005').waitFor();
    expect(await page.getByTestId('meeting').count()).toBe(LONG_MEETINGS);
    const marked = await page.locator('[data-testid="meeting"]:has([data-testid="corrected-mark"])').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { meetingId: string } }).dataset.meetingId));
    expect(marked.sort()).toEqual([...long.correctedMeetings].sort());
    await page.getByRole('button', { name: `Show all ${LONG_MOTIONS}` }).click();
    expect(await page.getByTestId('motion').count()).toBe(LONG_MOTIONS);
    const motionMarks = page.locator('[data-testid="motion"]:has([data-testid="corrected-mark"])');
    expect(await motionMarks.count()).toBe(1);
    expect(await motionMarks.first().textContent()).toContain('Motion number 3, as published');

    // Nothing came from the audit view: the corrections list was never opened nor fetched.
    expect(await page.getByTestId('corrections').evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    expect(audit).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // As the record stood before the corrections: nothing is marked, anywhere.
    await open(`/councils/${LONG_COUNCIL}?knownAt=${encodeURIComponent(long.beforeCorrections)}`);
    await page.getByRole('button', { name: `Show all ${LONG_MEETINGS}` }).click();
    await page.getByRole('button', { name: `Show all ${LONG_MOTIONS}` }).click();
    expect(await page.getByTestId('meeting').count()).toBe(LONG_MEETINGS);
    expect(await page.getByTestId('corrected-mark').count()).toBe(0);
  });

  /** Clicks the CSV link in the test id's box, and returns the link and the text of the file downloaded. */
  async function download(testid: string): Promise<{ href: string; text: string; name: string }> {
    const link = page.getByTestId(testid).getByRole('link', { name: /CSV/ });
    const href = (await link.getAttribute('href'))!;
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return { href, text: readFileSync((await file.path())!, 'utf8'), name: file.suggestedFilename() };
  }

  it('puts a CSV download beside each analyst table, by curia and by group, that downloads that table', async () => {
    await open(`/councils/${ANALYST_COUNCIL}`);
    await page.getByText('Show attendance and cohesion by curia or by group').click();
    for (const by of ['curia', 'group'] as const) {
      if (by === 'group') await page.getByLabel('political group').check();
      for (const kind of ['attendance', 'cohesion'] as const) {
        await page.getByTestId(`${kind}-by-${by}`).waitFor();
        const got = await download(`downloads-${kind}-by-${by}`);
        expect(got.href).toBe(`/api/councils/${ANALYST_COUNCIL}/analytics/${kind}?by=${by}&format=csv`);
        expect(got.name).toBe(`${ANALYST_COUNCIL}-${kind}-by-${by}.csv`);
        // The file is the API's CSV of that table, and its rows are the blocks the page's table shows.
        expect(got.text).toBe(await (await fetch(`${base}${got.href}`)).text());
        const lines = got.text.trim().split('\r\n');
        expect(lines[0].split(',').slice(0, 2)).toEqual([by, 'name']);
        const shown = await page.getByTestId(`${kind}-by-${by}`).locator('tbody th').allTextContents();
        expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(shown.sort());
      }
    }
    expect(await page.getByTestId('analysis-formats').textContent()).toContain('Popolo');
    // Popolo stays one download for the whole council, and CSV beside the members, meetings and motions.
    expect(await page.locator('[data-testid="downloads"] a').allTextContents()).toEqual(['Popolo JSON of the whole council']);
    await page.getByLabel('curia', { exact: true }).check();
    await page.getByTestId('attendance-by-curia').waitFor();
    await shot('issue27-analyst-downloads-1366');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('council and member pages at 1366 and 390 px: marks and downloads in view, no sideways scroll, no serious axe violation', async () => {
    for (const width of [1366, 390]) {
      if (width === 390) page = await session.reopen({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true });
      await open(`/councils/${LONG_COUNCIL}`);
      await meetingMark('m-238').waitFor();
      // The screenshot also lays out the sections below the fold (content-visibility), which axe needs to see colours.
      await shot(`issue27-council-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await open(`/councils/${ANALYST_COUNCIL}`);
      await page.getByText('Show attendance and cohesion by curia or by group').click();
      await page.getByTestId('downloads-cohesion-by-curia').waitFor();
      await shot(`issue27-analyst-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await open(`/councils/${LONG_COUNCIL}/members/${long.correctedMember}`);
      await page.getByTestId('member-name').waitFor();
      expect(await page.getByTestId('member-corrected').textContent()).toContain('corrected once');
      await shot(`issue27-member-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
  });
});
