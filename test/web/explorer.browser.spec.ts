/**
 * The explorer in a real browser (Debian's Chromium driven by playwright-core) against the demo record,
 * imported through the HTTP API into a temp DATA_DIR exactly as `npm run demo` does.
 *
 * Without Chromium these tests are skipped with one line saying how to install it; with
 * REQUIRE_BROWSER_TESTS=1 (set by .ci/run) a missing browser is a failure instead.
 * Screenshots go to test-output/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TestApp } from '../helpers/test-app';
import { SCREENSHOTS, describeBrowser, explorerInChromium, importDemo, seriousA11yViolations } from './browser-suite';

const COUNCIL = 'coordination-council';

/** The meetings table of the reference text: number, day, "present out of N" where given. */
function referenceMeetings(): Array<{ number: number; date: string; present?: number; of?: number }> {
  const text = readFileSync('/work/shared/reference/coordination-council-2012-2013.txt', 'utf8');
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const rows: Array<{ number: number; date: string; present?: number; of?: number }> = [];
  for (const line of text.split('\n')) {
    const m = /^\| (\d+) \| (\d+) (\w+) (\d{4}) \|/.exec(line);
    if (!m) continue;
    const day = `${m[4]}-${String(months.indexOf(m[3]) + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
    const out = /\| (\d+) out of (\d+) \|/.exec(line);
    rows.push({ number: Number(m[1]), date: day, present: out ? Number(out[1]) : undefined, of: out ? Number(out[2]) : undefined });
  }
  return rows;
}
const REFERENCE_FILE_PRESENT = (() => {
  try {
    readFileSync('/work/shared/reference/coordination-council-2012-2013.txt');
    return true;
  } catch {
    return false;
  }
})();

// A real browser on a shared CI machine: generous per-test time (the axe scans dominate).
jest.setTimeout(180_000);

describeBrowser('explorer in Chromium (demo record)', () => {
  const session = explorerInChromium({ width: 1280, seed: importDemo });
  let app: TestApp;
  let base: string;
  let page: Page;
  beforeEach(() => {
    ({ app, base, page } = session);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function api(path: string, init?: RequestInit): Promise<any> {
    const res = await fetch(`${base}${path}`, init);
    return res.json();
  }

  /** Waits until the element with that test id shows exactly that text. */
  async function waitForText(testid: string, text: string): Promise<void> {
    await page.getByTestId(testid).filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
  }

  async function noSeriousA11yViolations(): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  async function shot(name: string): Promise<void> {
    // Sections below the fold are laid out lazily (content-visibility): lay everything out for the picture.
    await page.addStyleTag({ content: '.lazy-section { content-visibility: visible !important; }' });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function seatStates(): Promise<Record<string, number>> {
    return page.$$eval('[data-testid="seats"] [data-seat-state]', (els) =>
      els.reduce<Record<string, number>>((acc, el) => {
        const s = el.getAttribute('data-seat-state')!;
        acc[s] = (acc[s] ?? 0) + 1;
        return acc;
      }, {}),
    );
  }

  async function openCouncil(query: string): Promise<void> {
    await page.goto(`${base}/councils/${COUNCIL}${query}`);
    await page.getByTestId('member-count').waitFor();
    await page.locator('main[data-loaded="true"]').waitFor();
    await page.getByTestId('attendance-chart').locator('svg').first().waitFor();
    await page.getByTestId('membership-chart').locator('svg').first().waitFor();
  }

  it('lists the councils at / and links to each', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('council-link').first().waitFor();
    const names = await page.getByTestId('council-link').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Coordination Council of the Russian Opposition']));
    expect(names).toHaveLength(3);
    await shot('councils');
    await noSeriousA11yViolations();
    await page.getByTestId('council-link').filter({ hasText: 'Coordination Council' }).click();
    await page.waitForURL(`**/councils/${COUNCIL}`);
    await page.getByTestId('status').waitFor();
  });

  it('shows the Coordination Council on 2013-01-20: 43 certain, 2 uncertain, 45 seats', async () => {
    await openCouncil('?at=2013-01-20');
    expect(await page.getByTestId('member-count').textContent()).toBe('43');
    expect(await page.getByTestId('status').textContent()).toBe('active');
    expect(await page.getByTestId('uncertain-members').locator('li').count()).toBe(2);
    const state = await api(`/api/councils/${COUNCIL}/state?at=2013-01-20`);
    const seats = await seatStates();
    expect(seats.filled).toBe(state.memberCount);
    expect(seats.uncertain ?? 0).toBe(state.uncertainMembers.length);
    expect((seats.filled ?? 0) + (seats.uncertain ?? 0) + (seats.vacant ?? 0)).toBe(45);
    expect(seats.vacant ?? 0).toBe(45 - 43 - 2);
    // Meetings up to that date only: 1 to 4.
    expect(await page.getByTestId('meeting').count()).toBe(4);
    await shot('coordination-council-2013-01-20');
    await noSeriousA11yViolations();
  });

  it('shows the council on 2013-07-20, with the meeting that failed for lack of a quorum marked', async () => {
    await openCouncil('?at=2013-07-20');
    const failed = page.locator('[data-testid="meeting"].failed');
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('[data-col="date"]').getAttribute('data-edtf')).toBe('2013-07-20');
    expect(await failed.locator('[data-col="date"]').textContent()).toBe('20 July 2013');
    const state = await api(`/api/councils/${COUNCIL}/state?at=2013-07-20`);
    expect(await page.getByTestId('member-count').textContent()).toBe(String(state.memberCount));
    await shot('coordination-council-2013-07-20');
  });

  it('moves to 2013-10-20 when the date is typed and Enter pressed: dissolved; the URL cites it', async () => {
    await openCouncil('?at=2013-01-20');
    const field = page.getByTestId('date');
    await field.fill('2013-10-20');
    await field.press('Enter');
    await waitForText('status', 'dissolved');
    expect(new URL(page.url()).searchParams.get('at')).toBe('2013-10-20');
    expect(await page.getByTestId('member-count').textContent()).toBe('0');
    await shot('coordination-council-2013-10-20');
  });

  (REFERENCE_FILE_PRESENT ? it : it.skip)('lists the meetings as the reference table does', async () => {
    await openCouncil('?at=2013-10-19');
    const rows = await page.getByTestId('meeting').evaluateAll((trs) =>
      trs.map((tr) => ({
        number: tr.querySelector('[data-col="number"]')!.textContent!.trim(),
        date: tr.querySelector('[data-col="date"]')!.getAttribute('data-edtf')!,
        reported: tr.querySelector('[data-col="reported"]')!.textContent!.trim(),
      })),
    );
    const numbered = rows.filter((r) => r.number !== '');
    const reference = referenceMeetings();
    expect(reference.length).toBeGreaterThanOrEqual(10);
    expect(numbered.map((r) => [Number(r.number), r.date])).toEqual(reference.map((r) => [r.number, r.date]));
    for (const ref of reference.filter((r) => r.present !== undefined)) {
      const row = numbered.find((r) => Number(r.number) === ref.number)!;
      expect(row.reported).toContain(`${ref.present} out of ${ref.of}`);
    }
    // Dates are in world order.
    const dates = rows.map((r) => r.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('answers as the record stood at an earlier time (known-at)', async () => {
    // Just before the first departure was recorded, all 45 were in office on 2013-01-20.
    const timeline = await api(`/api/councils/${COUNCIL}/timeline`);
    const firstLeft = timeline
      .filter((e: { type: string }) => e.type === 'MemberLeft')
      .map((e: { recordedAt: string }) => Date.parse(e.recordedAt))
      .sort((a: number, b: number) => a - b)[0];
    const before = new Date(firstLeft - 1).toISOString();
    await openCouncil('?at=2013-01-20');
    const knownAt = page.getByTestId('known-at');
    await knownAt.fill(before);
    await knownAt.press('Enter');
    await waitForText('member-count', '45');
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe(before);
  });

  // Secretary mode (its own page since issue 27) is tested in secretary.browser.spec.ts.

  it('shows the timeline in world order, filtered by kind of fact', async () => {
    await page.goto(`${base}/councils/${COUNCIL}/timeline`);
    await page.getByTestId('timeline-entry').first().waitFor();
    const all = await page.getByTestId('timeline-entry').count();
    await page.getByLabel('Membership').uncheck();
    await page.getByLabel('Motions and votes').uncheck();
    await page.waitForFunction(`document.querySelectorAll('[data-testid="timeline-entry"]').length < ${all}`);
    const types = await page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types.some((t) => /^Member|^Motion|^Vote/.test(t ?? ''))).toBe(false);
    expect(types).toContain('MeetingHeld');
    expect(new URL(page.url()).searchParams.get('types')).not.toBeNull();
    await shot('timeline');
    await noSeriousA11yViolations();
  });
});
