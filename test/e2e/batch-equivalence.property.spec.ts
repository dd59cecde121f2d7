import fc from 'fast-check';
import { TestApp, startTestApp } from '../helpers/test-app';

type Item = { path: string; body: Record<string, unknown> };

/**
 * One code path (property, e2e on the real store): any sequence of single write requests, and the same
 * sequence sent as one batch, record the same events and give the same read models. Requests the rules
 * refuse on their own are left out of the batch (a refused request records nothing, so the ones after it
 * see the same council either way).
 */
describe('single requests and one batch are the same (property)', () => {
  let t: TestApp;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const day = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2020, 0, 2) + d * 86_400_000).toISOString().slice(0, 10));
  const member = fc.integer({ min: 0, max: 7 }).map((i) => `m${i}`);
  const motion = fc.integer({ min: 0, max: 3 }).map((i) => `q${i}`);
  const choice = fc.constantFrom('yes', 'no', 'abstain');
  const item: fc.Arbitrary<Item> = fc.oneof(
    fc.record({ id: member, on: day }).map(({ id, on }) => ({ path: '/members', body: { memberId: id, name: `Member ${id}`, electedOn: on } })),
    fc.record({ id: member, on: day }).map(({ id, on }) => ({ path: `/members/${id}/departure`, body: { leftOn: on } })),
    fc.record({ q: motion, m: member, c: choice }).map(({ q, m, c }) => ({ path: `/motions/${q}/votes`, body: { memberId: m, choice: c } })),
    fc.record({ id: fc.integer({ min: 0, max: 3 }), on: day, present: fc.uniqueArray(member, { maxLength: 8 }) }).map(({ id, on, present }) => ({
      path: '/meetings',
      body: { meetingId: `s${id}`, date: on, ...(present.length ? { present } : { presentCount: 3 }) },
    })),
    fc.record({ id: motion, on: day, meeting: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), rule: fc.constantFrom(undefined, 'two-thirds-of-present', { atLeast: 2 }) }).map(
      ({ id, on, meeting, rule }) => ({
        path: '/motions',
        body: { motionId: id, title: `Motion ${id}`, openedOn: on, ...(meeting === undefined ? { online: true } : { meetingId: `s${meeting}` }), ...(rule ? { rule } : {}) },
      }),
    ),
    fc.record({ q: motion, m: member, c: choice }).map(({ q, m, c }) => ({ path: `/motions/${q}/votes`, body: { memberId: m, choice: c } })),
    fc.record({ q: motion, on: day }).map(({ q, on }) => ({ path: `/motions/${q}/result`, body: { decidedOn: on } })),
    fc.record({ q: motion, votes: fc.uniqueArray(fc.record({ memberId: member, choice }), { minLength: 1, maxLength: 8, selector: (v) => v.memberId }), on: fc.option(day, { nil: undefined }) }).map(
      ({ q, votes, on }) => ({ path: `/motions/${q}/roll-call`, body: { votes, ...(on ? { decidedOn: on } : {}) } }),
    ),
    fc.record({ m: member, on: day }).map(({ m, on }) => ({ path: '/officers', body: { role: 'secretary', memberId: m, from: on } })),
    day.map((on) => ({ path: '/officers/secretary/end', body: { to: on } })),
    fc.record({ on: day, members: fc.uniqueArray(member, { minLength: 1, maxLength: 3 }) }).map(({ on, members }) => ({ path: '/working-groups', body: { name: 'Budget group', formedOn: on, members } })),
  );

  /** Everything but what differs by nature between two councils: ids of events, positions, record times. */
  function normalize(value: unknown, councilId: string): unknown {
    if (Array.isArray(value)) return value.map((v) => normalize(v, councilId));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !['eventId', 'factId', 'position', 'recordedAt', 'knownAt', 'knownAtPosition', 'eventIds', 'metadata', 'revision', 'recordedBy', 'sources'].includes(k))
          .map(([k, v]) => [k, normalize(v, councilId)]),
      );
    }
    return typeof value === 'string' ? value.split(councilId).join('<council>') : value;
  }

  async function found(councilId: string): Promise<void> {
    const res = await t.http().post('/api/councils').set(t.admin).send({ councilId, name: 'Equivalence council', foundedOn: '2020-01-01', seats: 6 });
    expect(res.status).toBe(201);
  }

  async function readModels(councilId: string, position: string) {
    const get = async (path: string) => (await t.http().get(`/api/councils/${councilId}${path}`).expect(200)).body;
    const base = `minPosition=${position}`;
    return normalize(
      {
        events: ((await get(`/events?${base}`)) as Array<{ type: string; data: unknown }>).map((e) => ({ type: e.type, data: e.data })),
        state: await get(`/state?at=2020-09-01&${base}`),
        members: await get(`/members?${base}`),
        meetings: await get(`/meetings?${base}`),
        motions: await get(`/motions?votes=true&${base}`),
        timeline: await get(`/timeline?${base}`),
        anomalies: await get(`/anomalies?${base}`),
      },
      councilId,
    );
  }

  it('gives the same events and read models', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(item, { minLength: 1, maxLength: 30 }), async (founders, rest) => {
        // A council with members and open motions first, so that most of what follows can be accepted.
        const items: Item[] = [
          ...Array.from({ length: founders }, (_, i) => ({ path: '/members', body: { memberId: `m${i}`, name: `Member m${i}`, electedOn: '2020-01-02' } })),
          { path: '/motions', body: { motionId: 'q0', title: 'Motion q0', openedOn: '2020-03-01', online: true } },
          { path: '/motions', body: { motionId: 'q1', title: 'Motion q1', openedOn: '2020-04-01', online: true, rule: 'two-thirds-of-members' } },
          ...rest,
        ];
        const single = `single-${++n}`;
        const batched = `batched-${n}`;
        await found(single);
        await found(batched);
        const accepted: Item[] = [];
        let position = '0';
        for (const it of items) {
          const res = await t.http().post(`/api/councils/${single}${it.path}`).set(t.admin).send(it.body);
          expect(res.status).not.toBe(500);
          if (res.status === 201) {
            accepted.push(it);
            position = res.body.position;
          }
        }
        if (process.env.EQUIVALENCE_DEBUG) process.stderr.write(`accepted ${accepted.length}/${items.length}: ${[...new Set(accepted.map((i) => i.path.replace(/\/[mqs]\d/g, "/:id")))].join(" ")}\n`);
        let batchPosition = "0";
        if (accepted.length > 0) {
          const res = await t.http().post(`/api/councils/${batched}/batch`).set(t.admin).send({ requests: accepted });
          expect([res.status, res.body.detail]).toEqual([201, undefined]);
          batchPosition = res.body.position;
        }
        const [a, b] = await Promise.all([readModels(single, position), readModels(batched, batchPosition)]);
        expect(b).toEqual(a);
      }),
      { numRuns: Number(process.env.EQUIVALENCE_RUNS ?? 20) },
    );
  });
});
