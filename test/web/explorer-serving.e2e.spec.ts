/** The explorer is served at `/` without shadowing the API: unknown /api paths stay problem+json 404s. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('serving the web explorer', () => {
  let app: TestApp;
  let webDir: string;

  beforeAll(async () => {
    // A stand-in for the built explorer (dist/web): what is served and how, not what Vite produces.
    webDir = mkdtempSync(join(tmpdir(), 'council-record-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>explorer</title><div id="app"></div>');
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log("explorer")');
    app = await startTestApp({ WEB_DIR: webDir });
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for the explorer’s own routes (SPA fallback), revalidated', async () => {
    for (const path of ['/', '/councils/coordination-council', '/councils/coordination-council/timeline', '/votings/v1']) {
      const res = await app.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="app">');
    }
    const index = await app.http().get('/');
    expect(index.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await app.http().get('/assets/index-abc123.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('leaves /api to the API: known routes answer JSON, unknown ones a problem+json 404', async () => {
    const list = await app.http().get('/api/councils').expect(200);
    expect(list.headers['content-type']).toMatch(/application\/json/);
    for (const path of ['/api/nope', '/api', '/api/councils/nope/state', '/api/councils/x/y/z']) {
      const res = await app.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.status).toBe(404);
    }
  });
});

describe('without a built explorer', () => {
  it('still serves the API, and / is a 404', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'council-record-noweb-'));
    const app = await startTestApp({ WEB_DIR: empty });
    try {
      await app.http().get('/api/councils').expect(200);
      await app.http().get('/').expect(404);
      await app.http().get('/councils/coordination-council').expect(404);
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
