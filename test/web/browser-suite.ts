/** What the browser tests share: skipping without Chromium, the explorer built and served, axe's verdict. */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { importRequests, readDataset } from '../../scripts/import';
import { ADMIN, startTestApp, TestApp } from '../helpers/test-app';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './browser';

const ROOT = resolve(__dirname, '../..');
/** Where the browser tests write their screenshots (SCREENSHOT_DIR, else test-output/screenshots/). */
export const SCREENSHOTS = process.env.SCREENSHOT_DIR || join(ROOT, 'test-output', 'screenshots');
const available = chromiumAvailable();
const required = process.env.REQUIRE_BROWSER_TESTS === '1';
if (!available && !required) {
  process.stderr.write(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install it with: sudo apt-get install chromium)\n`);
}

/**
 * `describe` when Chromium is there (or REQUIRE_BROWSER_TESTS=1, set by .ci/run, which makes a missing
 * browser a failure through assertChromium), else `describe.skip` after one line saying how to install it.
 */
export const describeBrowser = available || required ? describe : describe.skip;

export function assertChromium(): void {
  if (!available) throw new Error(`REQUIRE_BROWSER_TESTS=1 but there is no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`);
}

export interface ExplorerApp {
  app: TestApp;
  base: string;
  close(): Promise<void>;
}

/**
 * The explorer as `npm run build` builds it, into a folder of this run (never a stale dist/web), served by
 * the real app on a temp DATA_DIR listening on 127.0.0.1 (rate limits raised for the test's many requests).
 */
export async function startExplorerApp(): Promise<ExplorerApp> {
  const webDir = mkdtempSync(join(tmpdir(), 'council-record-web-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, WEB_OUT_DIR: webDir, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const app = await startTestApp({ WEB_DIR: webDir, RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_TOKEN: '100000' });
  await app.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.app.getHttpServer().address() as { port: number }).port}`;
  return {
    app,
    base,
    async close() {
      await app.close();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}

/** axe's serious and critical violations on the page, one line each (expect it to equal []). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** The demo record (every folder of data/), imported through the HTTP API as `npm run demo` does. */
export async function importDemo(explorer: ExplorerApp): Promise<void> {
  const folders = readdirSync(join(ROOT, 'data'))
    .filter((f) => !f.includes('.'))
    .map((f) => join(ROOT, 'data', f));
  const summary = await importRequests(explorer.base, ADMIN, readDataset(folders).requests, { progress: false });
  expect(summary.failed).toEqual([]);
}

/** What a browser suite's tests use; filled in by the hooks `explorerInChromium` registers. */
export interface BrowserSession {
  explorer: ExplorerApp;
  app: TestApp;
  base: string;
  browser: Browser;
  /** A fresh context and page for each test. */
  context: BrowserContext;
  page: Page;
  /** Closes this test's context and opens another with these options (a phone's viewport, touch): its page. */
  reopen(options: BrowserContextOptions): Promise<Page>;
}

/**
 * The setup every browser suite shares, as jest hooks of the calling `describe`: the explorer built and
 * served on a temp DATA_DIR, then `seed` (the suite's record, through the API), one Chromium for the file,
 * and for each test a fresh context whose page is `width` px wide (900 high).
 */
export function explorerInChromium(options: { width?: number; seed?: (explorer: ExplorerApp) => Promise<void> } = {}): BrowserSession {
  const session = {
    async reopen(contextOptions: BrowserContextOptions): Promise<Page> {
      await session.context.close();
      session.context = await session.browser.newContext(contextOptions);
      session.page = await session.context.newPage();
      return session.page;
    },
  } as BrowserSession;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    assertChromium();
    session.explorer = await startExplorerApp();
    session.app = session.explorer.app;
    session.base = session.explorer.base;
    await options.seed?.(session.explorer);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const launched = await launchChromium();
    session.browser = launched.browser;
    closeBrowser = launched.close;
  }, 180_000);
  afterAll(async () => {
    await closeBrowser?.();
    await session.explorer?.close();
  });
  beforeEach(async () => {
    session.context = await session.browser.newContext({ viewport: { width: options.width ?? 1366, height: 900 } });
    session.page = await session.context.newPage();
  });
  afterEach(async () => {
    await session.context?.close();
  });
  return session;
}
