/**
 * Secretary mode in a real browser (issue 27): reached from the top of the council page, the token
 * checked on entry, forms that start on today, refusals in plain words beside their field, a fresh form
 * after each success so a second click records nothing. Screenshots at 1366 px and 390 px go to
 * test-output/screenshots/ (or SCREENSHOT_DIR).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TestApp } from '../helpers/test-app';
import { SCREENSHOTS, describeBrowser, explorerInChromium, seriousA11yViolations } from './browser-suite';

jest.setTimeout(180_000);

/** Today as the browser and the service see it (UTC), and a day before. */
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const TODAY = dayOf(new Date());
const YESTERDAY = dayOf(new Date(Date.now() - 86_400_000));
const C = 'town-council';

describeBrowser('explorer in Chromium: secretary mode', () => {
  const tokens: Record<'secretary' | 'other' | 'analyst', string> = { secretary: '', other: '', analyst: '' };
  const session = explorerInChromium({
    width: 1366,
    seed: async ({ app }) => {
      const post = (path: string, body: object) => app.http().post(path).set(app.admin).send(body).expect(201);
      await post('/api/councils', { councilId: C, name: 'Town Council', foundedOn: '2024-01-01', seats: 5 });
      await post(`/api/councils/${C}/batch`, {
        requests: ['Anna Petrova', 'Boris Orlov', 'Vera Sokolova', 'Gleb Ivanov'].map((name) => ({ path: '/members', body: { name, electedOn: '2024-01-01' } })),
      });
      await post(`/api/councils/${C}/motions`, { motionId: 'budget', title: 'The town budget', online: true, openedOn: TODAY });
      tokens.secretary = (await post('/api/tokens', { role: 'secretary', councilId: C, label: 'Town secretary' })).body.token;
      tokens.other = (await post('/api/tokens', { role: 'secretary', councilId: 'another-council' })).body.token;
      tokens.analyst = (await post('/api/tokens', { role: 'analyst' })).body.token;
    },
  });
  let app: TestApp;
  let base: string;
  let page: Page;
  beforeEach(() => {
    ({ app, base, page } = session);
  });

  async function enterToken(token: string): Promise<void> {
    await page.getByLabel(/Your token for/).fill(token);
    await page.getByRole('button', { name: 'Use this token' }).click();
  }

  async function openRecordPage(): Promise<void> {
    await page.goto(`${base}/councils/${C}/record`);
    await page.locator('main[data-ready="true"]').waitFor();
  }

  it('is reached from the top of the council page: a Record button near the title, a few Tab presses away', async () => {
    await page.goto(`${base}/councils/${C}`);
    const button = page.getByTestId('record-button');
    await button.waitFor();
    const box = (await button.boundingBox())!;
    expect(box.y).toBeLessThan(300);
    expect(box.height).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: join(SCREENSHOTS, 'secretary-entry-1366.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await button.boundingBox())!.y).toBeLessThan(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'secretary-entry-390.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    let presses = 0;
    while (presses < 30 && !(await button.evaluate((el) => el === el.ownerDocument.activeElement))) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(presses).toBeLessThan(10);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/councils/${C}/record`);
    await page.locator('main[data-ready="true"]').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Record facts: Town Council');
  });

  it('refuses a bad token at entry, in words, and shows no form', async () => {
    await openRecordPage();
    await enterToken('not-a-token');
    expect(await page.getByTestId('token-error').textContent()).toBe('This token is unknown or has been revoked. Check that it was pasted whole.');
    await enterToken(tokens.analyst);
    await page.getByTestId('token-error').filter({ hasText: 'can read, not record' }).waitFor();
    await enterToken(tokens.other);
    expect(await page.getByTestId('token-error').textContent()).toBe('This token records for the council “another-council” only, not for this one.');
    expect(await page.getByRole('tablist').count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Record a meeting' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('with a good token: says what it grants; refuses 300 present of 4 beside the count; records once, then a repeat is named', async () => {
    await openRecordPage();
    await enterToken(tokens.secretary);
    expect(await page.getByTestId('grant').textContent()).toContain('Recording as a secretary (Town secretary) for Town Council.');
    const form = page.getByRole('form', { name: 'Record a meeting' });
    const date = form.getByLabel('Date', { exact: true });
    expect(await date.inputValue()).toBe(TODAY); // the council is active: today
    await form.getByText(`of the 4 members in office`).waitFor();

    await form.getByLabel(/Present \(a count/).fill('300');
    await form.getByRole('button', { name: 'Record meeting' }).click();
    const countError = form.locator('[data-field="presentCount"] [data-testid="field-error"]');
    await countError.waitFor();
    const expected = `300 present, but the council had 4 members in office on ${TODAY}.`;
    expect(await countError.textContent()).toBe(expected);
    const body = (await page.locator('main').textContent())!;
    expect(body.split(expected)).toHaveLength(2); // said once
    expect(body).not.toMatch(/present-exceeds-membership|votes\[|Rule /);
    await page.screenshot({ path: join(SCREENSHOTS, 'secretary-refused-1366.png'), fullPage: true });

    await form.getByLabel(/Present \(a count/).fill('3');
    await form.getByRole('button', { name: 'Record meeting' }).click();
    await page.getByTestId('done').filter({ hasText: 'Recorded the meeting of' }).waitFor();
    expect(await page.getByTestId('done').textContent()).toContain('held, 3 present of 4 members (quorum 3)');
    // A fresh form: the count is empty again; the date starts on today.
    const fresh = page.getByRole('form', { name: 'Record a meeting' });
    expect(await fresh.getByLabel(/Present \(a count/).inputValue()).toBe('');
    // A second click sends nothing until the form is changed...
    expect(await fresh.getByRole('button', { name: 'Record meeting' }).isDisabled()).toBe(true);
    // ...and the same meeting entered again is named by the service, beside the date.
    await fresh.getByLabel(/Present \(a count/).fill('3');
    await fresh.getByRole('button', { name: 'Record meeting' }).click();
    const dateError = fresh.locator('[data-field="date"] [data-testid="field-error"]');
    await dateError.waitFor();
    expect(await dateError.textContent()).toMatch(new RegExp(`^${TODAY} already has a meeting on record: meeting-${TODAY}\\. To record another meeting that day, give its number or kind\\.$`));
    const meetings = await app.http().get(`/api/councils/${C}/meetings`).expect(200);
    expect(meetings.body.filter((m: { date: string }) => m.date === TODAY)).toHaveLength(1);
  });

  it('a roll call dated before its motion was opened is refused beside its date, in words', async () => {
    await openRecordPage();
    await enterToken(tokens.secretary);
    await page.getByRole('tab', { name: 'Roll call' }).click();
    const form = page.getByRole('form', { name: 'Record a roll call' });
    await form.getByLabel('Motion').selectOption('budget');
    await form.getByLabel(/Decided on/).fill(YESTERDAY);
    await form.getByText('Anna Petrova').waitFor();
    await form.locator('label', { hasText: 'Anna Petrova' }).locator('select').selectOption('yes');
    await form.getByRole('button', { name: 'Record roll call' }).click();
    const error = form.locator('[data-field="decidedOn"] [data-testid="field-error"]');
    await error.waitFor();
    expect(await error.textContent()).toBe(`The decision on budget is dated ${YESTERDAY}, before the motion was opened on ${TODAY}.`);
    expect((await page.locator('main').textContent())!).not.toMatch(/votes\[|decided-before-opened/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a double click records once; a malformed date is refused beside the field, tied to it for screen readers', async () => {
    await openRecordPage();
    await enterToken(tokens.secretary);
    const form = page.getByRole('form', { name: 'Record a meeting' });
    const date = form.getByLabel('Date', { exact: true });
    await date.fill('2025-02-30x');
    await form.getByRole('button', { name: 'Record meeting' }).click();
    const error = form.locator('[data-field="date"] [data-testid="field-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Must be an EDTF date such as 2012-10-27/);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect((await date.getAttribute('aria-describedby'))!.split(' ')).toContain(await error.getAttribute('id'));

    await date.fill(YESTERDAY);
    await form.getByText('of the 4 members in office').waitFor();
    await form.getByLabel('Anna Petrova').check();
    await form.getByLabel('Boris Orlov').check();
    await form.getByLabel('Gleb Ivanov').check();
    await form.getByRole('button', { name: 'Record meeting' }).dblclick();
    await page.getByTestId('done').filter({ hasText: 'Recorded the meeting of' }).waitFor();
    const meetings = await app.http().get(`/api/councils/${C}/meetings`).expect(200);
    expect(meetings.body.filter((m: { date: string }) => m.date === YESTERDAY).map((m: { present: number }) => m.present)).toEqual([3]);
  });

  it('at 390 px: no sideways scroll, tap targets of 24 px at least; screenshots at both widths', async () => {
    await openRecordPage();
    await enterToken(tokens.secretary);
    await page.getByRole('form', { name: 'Record a meeting' }).getByText('of the 4 members in office').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'secretary-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    const { scrollWidth, clientWidth } = await page.locator('html').evaluate((html) => ({ scrollWidth: html.scrollWidth, clientWidth: html.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const small = await page.locator('main button, main input, main select').evaluateAll((els) =>
      els
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
        .map(({ el }) => el.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'secretary-390.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
