import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { ADMIN } from '../helpers/test-app';
import { foundCouncil, instant } from './fixture';

/**
 * Secrecy in the logs: the service's own pino output (every level, the request log and the Nest loggers,
 * as `main` writes it to standard output) is captured while voters register, are verified, cast ballots
 * (valid and refused), the voting closes and receipts are looked up. No line may carry a voter token, a
 * receipt, an Idempotency-Key, or a voter id together with anything of a ballot.
 *
 * The real application on the real SQLite store in a temp folder; only the log destination is a buffer.
 */
const VOTING = 'log-2012';
const CANDIDATES = ['cand-aurora', 'cand-borealis', 'cand-cassiopeia', 'cand-draco', 'cand-eridanus'];

describe('votings: the logs link no ballot to a voter', () => {
  let app: INestApplication;
  let dir: string;
  const lines: string[] = [];
  const http = () => request(app.getHttpServer());
  const admin = { Authorization: `Bearer ${ADMIN}` };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'council-record-logs-'));
    const config = loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'trace', SQLITE_SYNCHRONOUS: 'NORMAL' });
    // The logger main uses (nestjs-pino, with the app module's serializers and redaction); only its
    // destination is this buffer instead of standard output.
    app = await createApp(config, { logDestination: { write: (line: string) => void lines.push(line) } });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers, verifies, casts, closes and looks up receipts without one log line linking voter and ballot', async () => {
    await foundCouncil({ http, admin } as never, 'log-council', 2, [{ key: 'council', name: 'Council', seats: 2 }]);
    const scheduled = await http().post('/api/councils/log-council/votings').set(admin).send({
      votingId: VOTING, title: 'Log secrecy', opensAt: instant(-1000), closesAt: instant(3_600_000), verification: 'committee', minBatch: 2,
      ballots: [{ key: 'council', title: 'Council', seats: 2, maxMarks: 2, candidates: CANDIDATES.map((candidateId) => ({ candidateId, name: candidateId.toUpperCase() })) }],
    });
    expect(scheduled.status).toBe(201);

    const voters: Array<{ voterId: string; voterToken: string; key: string; receipt?: string }> = [];
    for (let i = 0; i < 8; i++) {
      const key = `register-key-${i}-4f1c9a`;
      const r = await http().post(`/api/votings/${VOTING}/voters`).set('Idempotency-Key', key).send({ name: `Voter ${i}`, contact: `voter${i}@example.org` });
      expect(r.status).toBe(201);
      voters.push({ voterId: r.body.voterId, voterToken: r.body.voterToken, key: `cast-key-${i}-9b2e7d` });
      const verified = await http().post(`/api/votings/${VOTING}/voters/${r.body.voterId}/verification`).set(admin).send({ verified: true });
      expect(verified.status).toBe(201);
    }
    const ballotOf = (i: number) => ({ council: [CANDIDATES[i % 5], CANDIDATES[(i + 1) % 5]] });
    for (const [i, v] of voters.entries()) {
      // A refused ballot first (a repeated mark): its problem names the rule, and its log line must not
      // carry the marks or the voter either.
      const refused = await http().post(`/api/votings/${VOTING}/ballots`).set('Authorization', `Bearer ${v.voterToken}`).send({ marks: { council: [CANDIDATES[i % 5], CANDIDATES[i % 5]] } });
      expect(refused.status).toBe(422);
      const cast = await http().post(`/api/votings/${VOTING}/ballots`).set('Authorization', `Bearer ${v.voterToken}`).set('Idempotency-Key', v.key).send({ marks: ballotOf(i) });
      expect(cast.status).toBe(201);
      v.receipt = cast.body.receipt;
      const again = await http().post(`/api/votings/${VOTING}/ballots`).set('Authorization', `Bearer ${v.voterToken}`).send({ marks: ballotOf(i + 1) });
      expect(again.status).toBe(409);
    }
    expect((await http().post(`/api/votings/${VOTING}/ballots`).set('Authorization', 'Bearer vt_not-a-token').send({ marks: ballotOf(0) })).status).toBe(401);
    expect((await http().post(`/api/votings/${VOTING}/close`).set(admin)).status).toBe(201);

    // Every voter looks up their receipt, the way the API offers it (also with other parameters around it).
    for (const [i, v] of voters.entries()) {
      const query = i % 2 === 0 ? `receipt=${v.receipt}` : `limit=5&receipt=${encodeURIComponent(v.receipt!)}&x=1`;
      const found = await http().get(`/api/votings/${VOTING}/bulletin?${query}`);
      expect(found.status).toBe(200);
      expect(found.body.ballot.marks).toEqual(ballotOf(i));
    }
    expect((await http().get(`/api/votings/${VOTING}/bulletin?receipt=r-000000000000000000000000`)).status).toBe(404);

    // Wait until the last lookup has been logged (pino-http writes when the response has finished).
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('receipt=r-0000') || l.includes('"statusCode":404')); i++) await new Promise((r) => setTimeout(r, 20));

    // The capture is real: the request log has every kind of request above, in the service's JSON format.
    const records = lines.map((l) => JSON.parse(l) as { req?: { url: string; method: string }; res?: { statusCode: number } });
    const logged = (method: string, path: string, status: number) =>
      records.some((r) => r.req?.method === method && r.req.url.startsWith(path) && r.res?.statusCode === status);
    expect(records.some((r) => (r as { context?: string }).context === 'RoutesResolver')).toBe(true); // the Nest loggers too
    expect(logged('POST', `/api/votings/${VOTING}/ballots`, 201)).toBe(true);
    expect(logged('POST', `/api/votings/${VOTING}/ballots`, 422)).toBe(true);
    expect(logged('POST', `/api/votings/${VOTING}/ballots`, 409)).toBe(true);
    expect(logged('POST', `/api/votings/${VOTING}/voters/${voters[0].voterId}/verification`, 201)).toBe(true);

    const all = lines.join('\n');
    for (const v of voters) {
      expect({ tokenOf: v.voterId, leaked: all.includes(v.voterToken) }).toEqual({ tokenOf: v.voterId, leaked: false });
      expect({ receipt: v.receipt, leaked: all.includes(v.receipt!) }).toEqual({ receipt: v.receipt, leaked: false });
      expect({ key: v.key, leaked: all.includes(v.key) }).toEqual({ key: v.key, leaked: false });
    }
    expect(all).not.toContain(ADMIN);
    // A line naming a voter (the committee's verification) carries nothing of a ballot.
    const voterIds = voters.map((v) => v.voterId);
    for (const line of lines.filter((l) => voterIds.some((id) => l.includes(id)))) {
      for (const c of CANDIDATES) expect(line).not.toContain(c);
      expect(line).not.toMatch(/receipt|marks|ballots/);
    }
    // No log line of a ballot request names a voter.
    for (const line of lines.filter((l) => /ballots|bulletin/.test(l))) for (const id of voterIds) expect(line).not.toContain(id);
    // The lookups are logged, with the receipt replaced.
    expect(logged('GET', `/api/votings/${VOTING}/bulletin?receipt=[redacted]`, 200)).toBe(true);
    expect(logged('GET', `/api/votings/${VOTING}/bulletin?limit=5&receipt=[redacted]&x=1`, 200)).toBe(true);
  });
});
