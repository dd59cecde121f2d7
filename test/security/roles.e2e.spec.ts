import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS } from './support/endpoints';
import { SecurityApp, startSecurityApp } from './support/security-app';

/**
 * Issue 7, parts 2-4: who may do what on every write endpoint (201/204 vs 401 vs 403, nothing appended
 * on a refusal), the audit trail, token storage, and the hostile-input defences that need their own
 * configuration (body limit, rate limits, helmet, CORS, READ_ACCESS=token).
 */
type Auth = { Authorization: string } | Record<string, never>;
type Who =
  | 'admin (ADMIN_TOKEN)'
  | 'admin token'
  | 'secretary'
  | 'secretary of this council'
  | 'secretary of another council'
  | 'historian'
  | 'historian of this council'
  | 'historian of another council'
  | 'analyst'
  | 'analyst of this council'
  | 'no token'
  | 'malformed header'
  | 'unknown token'
  | 'revoked token';

const EVERYONE: Who[] = [
  'admin (ADMIN_TOKEN)',
  'admin token',
  'secretary',
  'secretary of this council',
  'secretary of another council',
  'historian',
  'historian of this council',
  'historian of another council',
  'analyst',
  'analyst of this council',
  'no token',
  'malformed header',
  'unknown token',
  'revoked token',
];
const UNAUTHENTICATED: Who[] = ['no token', 'malformed header', 'unknown token', 'revoked token'];
const ADMINS: Who[] = ['admin (ADMIN_TOKEN)', 'admin token'];
const HISTORIANS: Who[] = [...ADMINS, 'historian', 'historian of this council'];
const WRITERS: Who[] = [...HISTORIANS, 'secretary', 'secretary of this council'];

interface Prepared {
  path: string;
  body?: Record<string, unknown>;
}
interface Case {
  endpoint: string;
  method: 'post' | 'delete';
  allowed: Who[];
  success: 201 | 204;
  /** Sets up what the write needs (a fresh council, member, motion, event...) with the admin token. */
  prepare(councilId: string): Promise<Prepared>;
}

describe('roles, audit and hostile-input defences (e2e)', () => {
  let t: SecurityApp;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}-${++n}`;
  let revoked: string;
  let anotherCouncil: string;

  const ok = async (path: string, body: object, status = 201) => {
    const res = await t.http().post(path).set(t.admin).send(body);
    if (res.status !== status) throw new Error(`setup ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const issue = async (role: string, councilId?: string, label?: string) =>
    (await ok('/api/tokens', { role, councilId, label: label ?? `${role} ${councilId ?? 'all'}` })) as { token: string; tokenId: string };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function authFor(who: Who, councilId: string): Promise<Auth> {
    switch (who) {
      case 'admin (ADMIN_TOKEN)':
        return t.admin;
      case 'admin token':
        return bearer((await issue('admin')).token);
      case 'secretary':
        return bearer((await issue('secretary')).token);
      case 'secretary of this council':
        return bearer((await issue('secretary', councilId)).token);
      case 'secretary of another council':
        return bearer((await issue('secretary', anotherCouncil)).token);
      case 'historian':
        return bearer((await issue('historian')).token);
      case 'historian of this council':
        return bearer((await issue('historian', councilId)).token);
      case 'historian of another council':
        return bearer((await issue('historian', anotherCouncil)).token);
      case 'analyst':
        return bearer((await issue('analyst')).token);
      case 'analyst of this council':
        return bearer((await issue('analyst', councilId)).token);
      case 'no token':
        return {};
      case 'malformed header':
        return { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
      case 'unknown token':
        return bearer('crt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      case 'revoked token':
        return bearer(revoked);
    }
  }

  /** A council with three members, an open motion at a meeting and a treasurer. */
  async function council(): Promise<string> {
    const id = fresh('council');
    await ok('/api/councils', { councilId: id, name: `Council ${id}`, foundedOn: '2012-10-22', seats: 10 });
    for (let i = 1; i <= 3; i++) await ok(`/api/councils/${id}/members`, { memberId: `m${i}`, name: `Member ${i}`, electedOn: '2012-10-22' });
    return id;
  }

  const CASES: Case[] = [
    {
      endpoint: 'POST /api/councils',
      method: 'post',
      allowed: WRITERS,
      success: 201,
      // the "council" a scoped token covers is the one being founded
      prepare: async (id) => ({ path: '/api/councils', body: { councilId: id, name: 'Founded', foundedOn: '2014-01-01', seats: 5 } }),
    },
    { endpoint: 'POST /api/councils/:id/dissolution', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/dissolution`, body: { dissolvedOn: '2014-05-01' } }) },
    { endpoint: 'POST /api/councils/:id/members', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/members`, body: { name: 'New Member', electedOn: '2013-01-01' } }) },
    { endpoint: 'POST /api/councils/:id/members/:memberId/departure', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/members/m1/departure`, body: { leftOn: '2013-07', reason: 'resigned' } }) },
    { endpoint: 'POST /api/councils/:id/officers', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/officers`, body: { role: 'treasurer', memberId: 'm2', from: '2013-01-01' } }) },
    {
      endpoint: 'POST /api/councils/:id/officers/:role/end',
      method: 'post',
      allowed: WRITERS,
      success: 201,
      prepare: async (id) => {
        await ok(`/api/councils/${id}/officers`, { role: 'treasurer', memberId: 'm1', from: '2012-11-01' });
        return { path: `/api/councils/${id}/officers/treasurer/end`, body: { to: '2013-06-01' } };
      },
    },
    { endpoint: 'POST /api/councils/:id/working-groups', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/working-groups`, body: { name: 'Group', formedOn: '2013-01-01', members: ['m1', 'Member 2'] } }) },
    { endpoint: 'POST /api/councils/:id/groups', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/groups`, body: { name: 'Party', classification: 'party' } }) },
    {
      endpoint: 'POST /api/councils/:id/members/:memberId/affiliations',
      method: 'post',
      allowed: WRITERS,
      success: 201,
      prepare: async (id) => {
        const { groupId } = (await ok(`/api/councils/${id}/groups`, { name: 'Party' })) as { groupId: string };
        return { path: `/api/councils/${id}/members/m1/affiliations`, body: { groupId, from: '2013-01-01' } };
      },
    },
    { endpoint: 'POST /api/councils/:id/elections', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/elections`, body: { heldOn: '2012-10-20/2012-10-22', seats: 5 } }) },
    { endpoint: 'POST /api/councils/:id/meetings', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/meetings`, body: { date: '2013-02-02', presentCount: 3 } }) },
    {
      endpoint: 'POST /api/councils/:id/meetings with recordAnomaly',
      method: 'post',
      allowed: HISTORIANS,
      success: 201,
      prepare: async (id) => ({ path: `/api/councils/${id}/meetings`, body: { date: '2013-02-02', chair: 'Not A Member', presentCount: 3, recordAnomaly: true } }),
    },
    { endpoint: 'POST /api/councils/:id/motions', method: 'post', allowed: WRITERS, success: 201, prepare: async (id) => ({ path: `/api/councils/${id}/motions`, body: { title: 'Motion', openedOn: '2013-02-02', online: true } }) },
    {
      endpoint: 'POST /api/councils/:id/motions/:motionId/votes',
      method: 'post',
      allowed: WRITERS,
      success: 201,
      prepare: async (id) => {
        await ok(`/api/councils/${id}/motions`, { motionId: 'motion', title: 'Motion', openedOn: '2013-02-02', online: true });
        return { path: `/api/councils/${id}/motions/motion/votes`, body: { memberId: 'm1', choice: 'yes' } };
      },
    },
    {
      endpoint: 'POST /api/councils/:id/motions/:motionId/result',
      method: 'post',
      allowed: WRITERS,
      success: 201,
      prepare: async (id) => {
        await ok(`/api/councils/${id}/motions`, { motionId: 'motion', title: 'Motion', openedOn: '2013-02-02', online: true });
        return { path: `/api/councils/${id}/motions/motion/result`, body: { decidedOn: '2013-02-03', counts: { yes: 3, no: 0 } } };
      },
    },
    {
      endpoint: 'POST /api/councils/:id/corrections',
      method: 'post',
      allowed: HISTORIANS,
      success: 201,
      prepare: async (id) => {
        const res = await ok(`/api/councils/${id}/members`, { name: 'Recorded By Mistake', electedOn: '2013-01-01' });
        return { path: `/api/councils/${id}/corrections`, body: { eventId: res.eventIds[0], action: 'retract', reason: 'entered twice' } };
      },
    },
    { endpoint: 'POST /api/tokens', method: 'post', allowed: ADMINS, success: 201, prepare: async (id) => ({ path: '/api/tokens', body: { role: 'analyst', councilId: id } }) },
    {
      endpoint: 'DELETE /api/tokens/:tokenId',
      method: 'delete',
      allowed: ADMINS,
      success: 204,
      prepare: async (id) => ({ path: `/api/tokens/${(await issue('secretary', id)).tokenId}` }),
    },
  ];

  beforeAll(async () => {
    t = await startSecurityApp({ RATE_LIMIT_PER_ADDRESS: '100000000', RATE_LIMIT_PER_TOKEN: '100000000' });
    anotherCouncil = await council();
    const r = await issue('secretary', undefined, 'revoked');
    await t.http().delete(`/api/tokens/${r.tokenId}`).set(t.admin).expect(204);
    revoked = r.token;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('covers every write endpoint of the API', () => {
    const covered = new Set(CASES.map((c) => c.endpoint.replace(' with recordAnomaly', '')));
    const paths = ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path.replace(':council', ':id').replace(':member', ':memberId').replace(':motion', ':motionId').replace(':token', ':tokenId')}`);
    expect([...covered].sort()).toEqual([...new Set(paths)].sort());
  });

  for (const c of CASES) {
    describe(c.endpoint, () => {
      for (const who of EVERYONE) {
        const expected = c.allowed.includes(who) ? c.success : UNAUTHENTICATED.includes(who) ? 401 : 403;
        it(`${who} → ${expected}${expected >= 400 ? ', nothing appended' : ''}`, async () => {
          const councilId = c.endpoint === 'POST /api/councils' ? fresh('founded') : await council();
          const auth = await authFor(who, councilId);
          const { path, body } = await c.prepare(councilId);
          const before = await t.headPosition();
          let req = t.http()[c.method](path).set(auth);
          if (body) req = req.send(body);
          const res = await req;
          expect({ status: res.status, body: res.status === expected ? undefined : res.body }).toEqual({ status: expected, body: undefined });
          if (expected >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(res.body).toMatchObject({ status: expected, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
            expect(await t.headPosition()).toBe(before);
          } else {
            expect(BigInt(await t.headPosition())).toBeGreaterThan(BigInt(before));
          }
        });
      }
    });
  }

  describe('audit trail', () => {
    it('every event records which token recorded it (id and label, never the token), and the events endpoint shows it', async () => {
      const id = await council();
      const { token, tokenId } = await issue('secretary', id, 'Secretary of the audit test');
      const written = await t.http().post(`/api/councils/${id}/members`).set(bearer(token)).send({ name: 'Audited Member', electedOn: '2013-01-01' }).expect(201);
      const res = await t.http().get(`/api/councils/${id}/events?limit=1000&minPosition=${written.body.position}`).expect(200);
      const events = res.body as Array<{ eventId: string; recordedBy: unknown; recordedAt: string }>;
      const event = events.find((e) => e.eventId === written.body.eventIds[0]);
      expect(event).toBeDefined();
      expect(event!.recordedBy).toMatchObject({ tokenId, label: 'Secretary of the audit test', role: 'secretary' });
      expect(Date.parse(event!.recordedAt)).not.toBeNaN();
      // the founding events were recorded with the bootstrap admin token, named but not shown
      expect(events.every((e) => e.recordedBy !== null && typeof e.recordedBy === 'object')).toBe(true);
      expect(res.text).not.toContain(token);
      expect(res.text).not.toContain(token.slice(4)); // the random part alone
      expect(res.text).not.toContain(t.admin.Authorization.slice('Bearer '.length));
      expect(res.text).not.toContain(createHash('sha256').update(token).digest('hex'));
    });

    it('stores tokens only as SHA-256 hashes: no issued token appears in any file of the data folder', async () => {
      const issued = [await issue('secretary', undefined, 'scan me'), await issue('historian'), await issue('admin')];
      // make sure something is in the files, and the hashes are (so the scan can see what it looks for)
      await t.http().post(`/api/councils/${anotherCouncil}/meetings`).set(bearer(issued[0].token)).send({ date: '2013-03-03', presentCount: 3 }).expect(201);
      const files = listFiles(t.dataDir);
      expect(files.some((f) => /events\.sqlite/.test(f))).toBe(true);
      const contents = Buffer.concat(files.map((f) => readFileSync(f)));
      for (const { token } of issued) {
        expect(contents.includes(Buffer.from(token))).toBe(false);
        expect(contents.includes(Buffer.from(token.slice(4)))).toBe(false);
        expect(contents.includes(Buffer.from(createHash('sha256').update(token).digest('hex')))).toBe(true);
      }
      expect(contents.includes(Buffer.from(t.admin.Authorization.slice('Bearer '.length)))).toBe(false);
    });
  });

  describe('hostile input', () => {
    it('a body over 1 MiB is 413 problem+json naming the limit; without a token it is 401 (the body is never read); nothing is appended', async () => {
      const before = await t.headPosition();
      const huge = { date: '2013-03-03', note: 'x'.repeat(1024 * 1024 + 1) };
      const res = await t.http().post(`/api/councils/${anotherCouncil}/meetings`).set(t.admin).send(huge);
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 413, title: expect.any(String), limit: 1024 * 1024, detail: expect.stringContaining(String(1024 * 1024)) });
      const anonymous = await t.http().post(`/api/councils/${anotherCouncil}/meetings`).send(huge);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.connection).toBe('close');
      // just under the limit is read (and then refused by validation: note is at most 5000 characters)
      const under = await t.http().post(`/api/councils/${anotherCouncil}/meetings`).set(t.admin).send({ date: '2013-03-03', note: 'x'.repeat(1024 * 1000) });
      expect(under.status).toBe(400);
      expect(await t.headPosition()).toBe(before);
    });

    it('an unknown field named after an Object.prototype member (valueOf, toString, ...) is refused, not dropped', async () => {
      const before = await t.headPosition();
      for (const key of ['valueOf', 'toString', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf']) {
        const res = await t.http().post(`/api/councils/${anotherCouncil}/members`).set(t.admin).type('json').send(`{"name":"Proto ${key}","electedOn":"2013-01-01","${key}":"x"}`);
        expect([key, res.status]).toEqual([key, 400]);
        expect(res.body.errors?.[0]?.field).toBe(key);
      }
      expect(await t.headPosition()).toBe(before);
    });

    it('errors carry no stack traces or internals', async () => {
      const responses = await Promise.all([
        t.http().post('/api/councils').set(t.admin).type('json').send('{"name":'),
        t.http().post('/api/councils/%FF/members').set(t.admin).send({}),
        t.http().post('/api/councils').set(t.admin).send({ name: 5 }),
        t.http().get('/api/councils/no-such-council/events'),
        t.http().get('/api/nowhere'),
      ]);
      for (const res of responses) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.text).not.toMatch(/\n\s+at |node_modules|\/work\/|\/src\/|Error:/);
      }
    });

    it('sets security headers with helmet, on answers and on errors, and does not say what it runs on', async () => {
      for (const res of [await t.http().get('/api/health'), await t.http().get('/api/councils'), await t.http().post('/api/councils').send({})]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
        expect(res.headers['x-dns-prefetch-control']).toBe('off');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      }
      // the explorer's pages (outside /api): own scripts only, never framed; the Swagger page is never framed
      const page = await t.http().get('/');
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
      expect((await t.http().get('/api/docs')).headers['content-security-policy']).toBe("frame-ancestors 'none'");
    });

    it('tokens are checked on every route that receives one: public voting routes refuse an unknown staff token', async () => {
      const unknown = await t.http().post('/api/votings/no-such-voting/voters').set({ Authorization: 'Bearer crt_unknown-token' }).send({ name: 'X' });
      expect(unknown.status).toBe(401);
      const bulletin = await t.http().get('/api/votings/no-such-voting/bulletin').set({ Authorization: 'Bearer crt_unknown-token' });
      expect(bulletin.status).toBe(401);
      // without a token the route goes on (here: the voting does not exist)
      expect((await t.http().get('/api/votings/no-such-voting/bulletin')).status).toBe(404);
    });

    it('request metadata (Idempotency-Key, request hash, first reply) in /events is shown to admins and historians only', async () => {
      const council = anotherCouncil;
      const written = await t.http().post(`/api/councils/${council}/meetings`).set(t.admin).set('Idempotency-Key', 'meta-key-1').send({ date: '2013-04-04', presentCount: 1, number: 4404, recordAnomaly: true }).expect(201);
      const find = (body: Array<{ metadata: Record<string, unknown> }>) => body.find((e) => e.metadata.idempotencyKey === 'meta-key-1' || JSON.stringify(e.metadata).includes('meta-key-1'));
      const asAdmin = await t.http().get(`/api/councils/${council}/events?limit=10000&minPosition=${written.body.position}`).set(t.admin).expect(200);
      expect(find(asAdmin.body)).toBeDefined();
      const asPublic = await t.http().get(`/api/councils/${council}/events?limit=10000`).expect(200);
      expect(JSON.stringify(asPublic.body)).not.toContain('meta-key-1');
      expect(JSON.stringify(asPublic.body)).not.toContain('requestHash');
      expect(asPublic.body.length).toBe(asAdmin.body.length);
    });

    it('CORS is off by default: no Access-Control-Allow-Origin for any origin', async () => {
      const get = await t.http().get('/api/councils').set('Origin', 'https://evil.example');
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http().options('/api/councils').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('reads are public by default; a read with a bad token is still 401', async () => {
      await t.http().get('/api/councils').expect(200);
      await t.http().get(`/api/councils/${anotherCouncil}/events`).expect(200);
      const res = await t.http().get('/api/councils').set(bearer(revoked));
      expect(res.status).toBe(401);
    });
  });

  describe('with CORS_ORIGINS and READ_ACCESS=token', () => {
    let u: SecurityApp;
    beforeAll(async () => {
      u = await startSecurityApp({ CORS_ORIGINS: 'https://council.example, https://archive.example', READ_ACCESS: 'token' });
      await u.http().post('/api/councils').set(u.admin).send({ councilId: 'c', name: 'C', foundedOn: '2012', seats: 3 }).expect(201);
    }, 60_000);
    afterAll(async () => {
      await u?.close();
    });

    it('allows only the configured origins', async () => {
      const good = await u.http().get('/api/health').set('Origin', 'https://archive.example');
      expect(good.headers['access-control-allow-origin']).toBe('https://archive.example');
      const preflight = await u.http().options('/api/councils').set('Origin', 'https://council.example').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://council.example');
      const evil = await u.http().get('/api/health').set('Origin', 'https://evil.example');
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('makes every read need a token (401 problem without one), while health and docs stay public', async () => {
      for (const path of ['/api/councils', '/api/councils/c', '/api/councils/c/events', '/api/councils/c/timeline', '/api/councils/c/state?at=2013-01-01', '/api/votings/v/bulletin']) {
        const res = await u.http().get(path);
        expect([path, res.status]).toEqual([path, 401]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const analyst = (await u.http().post('/api/tokens').set(u.admin).send({ role: 'analyst' }).expect(201)).body.token as string;
      await u.http().get('/api/councils').set({ Authorization: `Bearer ${analyst}` }).expect(200);
      await u.http().get('/api/councils/c/events').set({ Authorization: `Bearer ${analyst}` }).expect(200);
      await u.http().get('/api/health').expect(200);
      await u.http().get('/api/docs-json').expect(200);
    });
  });

  describe('rate limits', () => {
    let r: SecurityApp;
    beforeAll(async () => {
      r = await startSecurityApp({ RATE_LIMIT_PER_TOKEN: '3', RATE_LIMIT_PER_ADDRESS: '8', RATE_LIMIT_TTL_MS: '60000' });
    }, 60_000);
    afterAll(async () => {
      await r?.close();
    });

    it('a valid token counts against its token only; others against their address; every 429 says Retry-After; health is never limited', async () => {
      const analyst = (await r.http().post('/api/tokens').set(r.admin).send({ role: 'analyst' }).expect(201)).body.token as string;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await r.http().get('/api/councils').set(r.admin)).status);
      // the admin token sent 4 (one issued the analyst's token): its limit is 3
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await r.http().get('/api/councils').set(r.admin);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.body).toMatchObject({ status: 429, title: expect.any(String), detail: expect.any(String) });
      // an unknown token counts against the address, like no token at all
      const other = await r.http().get('/api/councils').set({ Authorization: 'Bearer crt_someone-else' });
      expect(other.status).toBe(401);
      const rest: number[] = [];
      for (let i = 0; i < 8; i++) rest.push((await r.http().get('/api/councils')).status);
      // the address has now sent 9 without a valid token (the admin's 5 did not count): its limit is 8
      expect(rest).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
      const anonymous = await r.http().get('/api/councils');
      expect(anonymous.status).toBe(429);
      expect(Number(anonymous.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // a valid token from the same, exhausted address still gets through: it counts against its own budget
      await r.http().get('/api/councils').set({ Authorization: `Bearer ${analyst}` }).expect(200);
      for (let i = 0; i < 20; i++) {
        for (const path of ['/api/health', '/api/health/live', '/api/health/ready']) {
          const res = await r.http().get(path);
          expect([path, res.status === 429]).toEqual([path, false]);
        }
      }
      await r.http().get('/api/health').set(r.admin).expect(200);
    });

  });

  describe('rate limits keyed on the authenticated token', () => {
    let r: SecurityApp;
    beforeAll(async () => {
      r = await startSecurityApp({ RATE_LIMIT_PER_TOKEN: '3', RATE_LIMIT_PER_ADDRESS: '1000', RATE_LIMIT_TTL_MS: '60000' });
    }, 60_000);
    afterAll(async () => {
      await r?.close();
    });

    it('the per-token limit counts the token, however the header is spelled; a limited request\'s body is never parsed', async () => {
      const secretary = (await r.http().post('/api/tokens').set(r.admin).send({ role: 'secretary' }).expect(201)).body.token as string;
      const spellings = [`Bearer ${secretary}`, `bearer  ${secretary}`, `BEARER\t${secretary}`, `Bearer ${secretary}  `, `bEaReR \t ${secretary}`, `Bearer\t\t${secretary}`];
      const statuses: number[] = [];
      for (const header of spellings) statuses.push((await r.http().get('/api/councils').set({ Authorization: header })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      // over the limit, even a malformed body is answered 429: it is never read
      const limited = await r.http().post('/api/councils/c/meetings').set({ Authorization: `Bearer ${secretary}`, 'Content-Type': 'application/json' }).send('{"not json');
      expect(limited.status).toBe(429);
    });
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
