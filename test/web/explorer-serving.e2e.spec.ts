/** The explorer is served at `/` without shadowing the API: unknown /api paths stay problem+json 404s. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../helpers/test-app';

const BIG_SCRIPT = Array.from({ length: 400 }, (_, i) => `console.log("line ${i} of the explorer");`).join('\n');

/** The bytes on the wire (supertest would inflate them), from the app listening on a free port. */
async function rawGet(app: TestApp, path: string, encoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const server = app.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('serving the web explorer', () => {
  let app: TestApp;
  let webDir: string;

  beforeAll(async () => {
    // A stand-in for the built explorer (dist/web): what is served and how, not what Vite produces.
    webDir = mkdtempSync(join(tmpdir(), 'council-record-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>explorer</title><div id="app"></div>');
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log("explorer")');
    writeFileSync(join(webDir, 'assets', 'big-def456.js'), BIG_SCRIPT);
    app = await startTestApp({ WEB_DIR: webDir });
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for the explorer’s own routes (SPA fallback), revalidated', async () => {
    for (const path of [
      '/',
      '/councils/coordination-council',
      '/councils/coordination-council/timeline',
      '/councils/coordination-council/record',
      '/councils/coordination-council/members/alexei-navalny',
      '/votings/v1',
    ]) {
      const res = await app.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="app">');
    }
    const index = await app.http().get('/');
    expect(index.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for any other path outside /api, still with the app (which shows its Not found page)', async () => {
    for (const path of ['/no/such/page', '/councils', '/councils/c/members', '/councils/c/timeline/x', '/votings', '/assets/missing.js']) {
      const res = await app.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="app">');
    }
    await app.http().post('/no/such/page').send({}).expect(404);
  });

  it('compresses answers with gzip or brotli, as the client asks', async () => {
    const br = await rawGet(app, '/assets/big-def456.js', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_SCRIPT);
    const gz = await rawGet(app, '/assets/big-def456.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(BIG_SCRIPT.length / 4);
    expect(gunzipSync(gz.body).toString()).toBe(BIG_SCRIPT);
    const page = await rawGet(app, '/no/such/page', 'gzip');
    expect(page.status).toBe(404);
    const api = await app.http().get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(api.headers['content-encoding']).toBe('gzip');
    const raw = await rawGet(app, '/assets/big-def456.js', 'identity');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body.toString()).toBe(BIG_SCRIPT);
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
