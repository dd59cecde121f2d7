import fc from 'fast-check';
import { isValidEdtf } from '../../src/council/domain/valid-date';
import { ENDPOINTS, OTHER_COUNCIL, seedCouncil } from './support/endpoints';
import { HostileCase, INVALID_EDTF, Tokens, caseArb, expectedStatuses, pathOf } from './support/hostile';
import { ADMIN_TOKEN, SecurityApp, startSecurityApp } from './support/security-app';

/**
 * Issue 7, part 5: a property-based run of generated malformed and hostile requests against every write
 * endpoint, on the real app and the real SQLite store. Every response must be a problem document with the
 * status the case calls for, never a 5xx, never with internals in it, and the store must not move.
 */
const RUNS_PER_ENDPOINT = Number(process.env.HOSTILE_RUNS_PER_ENDPOINT ?? 720);
const SEED = process.env.HOSTILE_SEED === undefined ? undefined : Number(process.env.HOSTILE_SEED);

/** Things an error body must never show: stack frames, source paths, error class names. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\bat\s+\S+\s+\(.*:\d+:\d+\)|\n\s+at\s/],
  ['file position', /\.(?:js|ts|mjs|cjs):\d+(?::\d+)?/],
  ['node_modules', /node_modules/],
  ['source path', /\/work\/|\/src\/|\/dist\//],
  ['error class', /\b(?:Type|Reference|Range|Syntax|Sqlite|Internal)?Error:/],
  ['sqlite', /SQLITE_|sqlite3?\b/i],
];

describe('hostile input: generated malformed and hostile requests to every write endpoint (e2e)', () => {
  let t: SecurityApp;
  let tokens: Tokens;
  let headBefore: string;
  const counts = new Map<string, number>();
  const statuses = new Map<number, number>();
  const reasons = new Map<string, number>();
  let total = 0;
  const started = Date.now();

  const issue = async (role: string, councilId?: string, label?: string) => {
    const res = await t.http().post('/api/tokens').set(t.admin).send({ role, councilId, label: label ?? `hostile ${role}` });
    if (res.status !== 201) throw new Error(`token: ${res.status} ${res.text}`);
    return res.body as { token: string; tokenId: string };
  };

  beforeAll(async () => {
    t = await startSecurityApp({ RATE_LIMIT_PER_ADDRESS: '100000000', RATE_LIMIT_PER_TOKEN: '100000000' });
    await seedCouncil(t.http, t.admin);
    const revoked = await issue('secretary', undefined, 'to be revoked');
    const r = await t.http().delete(`/api/tokens/${revoked.tokenId}`).set(t.admin);
    if (r.status !== 204) throw new Error(`revoke: ${r.status} ${r.text}`);
    tokens = {
      byKind: {
        revoked: { token: revoked.token },
        analyst: { token: (await issue('analyst')).token, principal: { role: 'analyst' } },
        'analyst-main': { token: (await issue('analyst', 'main')).token, principal: { role: 'analyst', councilId: 'main' } },
        'secretary-other': { token: (await issue('secretary', OTHER_COUNCIL)).token, principal: { role: 'secretary', councilId: OTHER_COUNCIL } },
        'historian-other': { token: (await issue('historian', OTHER_COUNCIL)).token, principal: { role: 'historian', councilId: OTHER_COUNCIL } },
        secretary: { token: (await issue('secretary')).token, principal: { role: 'secretary' } },
        'secretary-main': { token: (await issue('secretary', 'main')).token, principal: { role: 'secretary', councilId: 'main' } },
        historian: { token: (await issue('historian')).token, principal: { role: 'historian' } },
        'admin-env': { token: ADMIN_TOKEN, principal: { role: 'admin' } },
        'admin-issued': { token: (await issue('admin')).token, principal: { role: 'admin' } },
      },
    };
    headBefore = await t.headPosition();
  }, 120_000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // eslint-disable-next-line no-console
    console.log(
      `hostile input: ${total} requests in ${seconds} s\n` +
        `  per endpoint: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `  statuses: ${[...statuses].sort(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`).join(', ')}\n` +
        `  cases: ${[...reasons].sort(([, a], [, b]) => b - a).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    await t?.close();
  });

  it('uses date strings that the app itself calls invalid', () => {
    for (const s of INVALID_EDTF) expect([s, isValidEdtf(s)]).toEqual([s, false]);
    for (const e of ENDPOINTS) {
      for (const [field, spec] of Object.entries(e.fields)) if (spec.kind === 'edtf') expect([e.name, field, isValidEdtf(e.valid[field] ?? '2013')]).toEqual([e.name, field, true]);
    }
  });

  async function send(c: HostileCase) {
    let req = t.http()[c.endpoint.method](pathOf(c));
    if (c.auth.header !== undefined) req = req.set('Authorization', c.auth.header);
    if (c.idempotencyKey) req = req.set('Idempotency-Key', c.idempotencyKey.value);
    if (c.wire.contentType) req = req.set('Content-Type', c.wire.contentType);
    if (c.raw !== undefined) req = req.send(c.raw);
    return req;
  }

  function describeCase(c: HostileCase): string {
    const body = c.raw === undefined ? '(none)' : c.raw.length > 600 ? `${c.raw.slice(0, 600)}…(${c.raw.length} chars)` : c.raw;
    return [
      `${c.endpoint.method.toUpperCase()} ${pathOf(c).slice(0, 300)}`,
      `auth: ${c.auth.kind}${c.auth.header ? ` (${c.auth.header.slice(0, 60)})` : ''}`,
      `content-type: ${c.wire.contentType ?? '(none)'} [${c.wire.kind}]`,
      c.idempotencyKey ? `idempotency-key: ${JSON.stringify(c.idempotencyKey.value.slice(0, 40))}` : '',
      `generated: ${c.notes.join('; ')}`,
      `body: ${body}`,
    ]
      .filter(Boolean)
      .join('\n  ');
  }

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name}: ${RUNS_PER_ENDPOINT} generated requests get the right problem and append nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArb(endpoint, tokens, ADMIN_TOKEN), async (c) => {
          const expected = expectedStatuses(c);
          const res = await send(c);
          total++;
          counts.set(endpoint.name, (counts.get(endpoint.name) ?? 0) + 1);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          reasons.set(expected.reason, (reasons.get(expected.reason) ?? 0) + 1);
          const where = `\n  ${describeCase(c)}\n  → ${res.status} ${String(res.headers['content-type'])} ${res.text.slice(0, 500)}`;
          if (res.status < 400) {
            // eslint-disable-next-line no-console
            console.error(`generated request was accepted; fix the generator:${where}`);
          }
          if (res.status >= 500) throw new Error(`5xx:${where}`);
          if (!expected.statuses.includes(res.status)) throw new Error(`expected ${expected.statuses.join(' or ')} (${expected.reason}):${where}`);
          if (!/^application\/problem\+json\b/.test(String(res.headers['content-type']))) throw new Error(`not problem+json:${where}`);
          let problem: Record<string, unknown>;
          try {
            problem = JSON.parse(res.text);
          } catch {
            throw new Error(`problem body is not JSON:${where}`);
          }
          for (const key of ['type', 'title', 'detail'] as const) {
            if (typeof problem[key] !== 'string' || !(problem[key] as string).length) throw new Error(`problem has no ${key}:${where}`);
          }
          if (problem.status !== res.status) throw new Error(`problem.status ${String(problem.status)} ≠ HTTP ${res.status}:${where}`);
          const { instance: _echoedPath, ...rest } = problem;
          const text = JSON.stringify(rest);
          for (const [what, pattern] of LEAKS) if (pattern.test(text) && !pattern.test(c.raw ?? '')) throw new Error(`problem leaks ${what}:${where}`);
          if (text.includes(t.dataDir)) throw new Error(`problem leaks the data folder:${where}`);
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: SEED, endOnFailure: true },
      );
      expect(await t.headPosition()).toBe(headBefore);
    }, 600_000);
  }

  it(`sent at least 10,000 requests across every write endpoint and the store did not move`, async () => {
    expect(await t.headPosition()).toBe(headBefore);
    expect(total).toBeGreaterThanOrEqual(ENDPOINTS.length * RUNS_PER_ENDPOINT);
    if (RUNS_PER_ENDPOINT >= 715) expect(total).toBeGreaterThanOrEqual(10_000);
    expect([...counts.keys()].sort()).toEqual(ENDPOINTS.map((e) => e.name).sort());
  });
});
