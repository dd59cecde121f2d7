import { Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ProblemDetailsFilter } from '../../src/api/problem-details.filter';
import { createValidationPipe } from '../../src/api/validation';
import { APP_CONFIG, loadConfig } from '../../src/config/app-config';
import { CouncilEventType, councilStream } from '../../src/council/domain/events';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { PROJECTION_STATUS, ProjectionStatus } from '../../src/read-models/projection-status';
import { ReadModelsModule } from '../../src/read-models/read-models.module';
import { fact } from './helpers';

const C = 'coordination';

describe('read endpoints (Nest app with the read-models module over a real SQLite event store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const ids: Record<string, string> = {};

  const append = async (type: CouncilEventType, data: unknown, key?: string) => {
    const id = randomUUID();
    if (key) ids[key] = id;
    const result = await store.appendToStream(councilStream(C), [{
      id, type, data,
      metadata: { schemaVersion: 1, source: { title: 'Minutes of the CC', url: 'https://example.org/minutes' }, recordedBy: { tokenId: 'tok-1', label: 'historian', role: 'historian' } },
    }]);
    return result.position;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-e2e-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    const config = loadConfig({ DATA_DIR: dir, MIN_POSITION_WAIT_MS: '2000' });
    @Global()
    @Module({ providers: [{ provide: APP_CONFIG, useValue: config }, { provide: EVENT_STORE, useValue: store }], exports: [APP_CONFIG, EVENT_STORE] })
    class TestGlobals {}
    const moduleRef = await Test.createTestingModule({ imports: [TestGlobals, ReadModelsModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api');
    app.useGlobalFilters(new ProblemDetailsFilter());
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    http = request(app.getHttpServer());

    await append('CouncilFounded', fact.founded(C));
    await append('MemberElected', fact.elected('kasparov', '2012-10-27', { name: 'Garry Kasparov', rank: 2 }));
    await append('MemberElected', fact.elected('navalny', '2012-10-27', { name: 'Alexei Navalny', rank: 1 }));
    await append('MemberElected', fact.elected('tor', '2012-10-27', { name: 'Vladlen Kralin', aliases: ['Vladimir Tor'], curia: 'nationalist' }));
    await append('MemberLeft', fact.left('tor', '2013-07'), 'torLeft');
    await append('MeetingHeld', fact.meeting('m2', '2012-11-24', { number: 2, chair: { name: 'Chair Outsider' }, presentCount: 37, remoteCount: 2, reportedMembership: 45 }));
    await append('MeetingHeld', fact.meeting('m1', '2012-11-10', { number: 1, present: [{ memberId: 'navalny', name: 'Alexei Navalny' }] }), 'm1');
    await append('MotionTabled', { motionId: 'statement', title: 'Programmatic statement', kind: 'statement', openedOn: '2012-11-10', online: true });
    await append('VoteCast', { motionId: 'statement', memberId: 'navalny', name: 'Alexei Navalny', choice: 'yes', castOn: '2012-11-10' });
    await append('MotionDecided', {
      motionId: 'statement', decidedOn: '2012-11-12', tally: { yes: 23, no: 0, abstain: 0 }, tallyFrom: 'reported', rule: 'majority-of-members',
      base: { of: 'members', count: 45, uncertain: 0 }, required: 23, outcome: 'adopted',
    });
    await append('OfficerAppointed', { role: 'secretary', memberId: 'kasparov', name: 'Garry Kasparov', from: '2012-11-24' });
    await append('QuorumFailed', fact.meeting('m20', '2013-07-20', { number: 20, presentCount: 14, reportedMembership: 40 }));
    const head = await append('FactCorrected', {
      eventId: ids.m1, originalType: 'MeetingHeld', replacement: { type: 'MeetingHeld', data: fact.meeting('m1', '2012-11-03', { number: 1 }) }, reason: 'date misread',
    });
    const status = app.get<ProjectionStatus>(PROJECTION_STATUS);
    expect(await status.waitFor(head, 5000)).toBe(true);
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET state: members certainly in office, uncertain ones apart, officers, meeting counts', async () => {
    const res = await http.get(`/api/councils/${C}/state?at=2013-07-15`).expect(200);
    expect(res.headers['x-projection-position']).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({
      councilId: C,
      at: '2013-07-15',
      status: 'active',
      memberCount: 2,
      members: [
        { memberId: 'navalny', name: 'Alexei Navalny', curia: 'general', since: '2012-10-27' },
        { memberId: 'kasparov', name: 'Garry Kasparov', curia: 'general', since: '2012-10-27' },
      ],
      uncertainMembers: [{ memberId: 'tor', name: 'Vladlen Kralin', why: expect.stringContaining('2013-07') }],
      officers: [{ role: 'secretary', memberId: 'kasparov', name: 'Garry Kasparov', since: '2012-11-24' }],
      meetingsHeld: 2,
      quorumFailures: 0,
      lastMeeting: { meetingId: 'm2', number: 2, date: '2012-11-24', outcome: 'held' },
    });
    expect(typeof res.body.knownAt).toBe('string');
    const later = await http.get(`/api/councils/${C}/state?at=2013-10-01`).expect(200);
    expect(later.body).toMatchObject({ memberCount: 2, uncertainMembers: [], quorumFailures: 1, lastMeeting: { meetingId: 'm20' } });
    const before = await http.get(`/api/councils/${C}/state?at=2012-01-01`).expect(200);
    expect(before.body).toMatchObject({ status: 'not-founded', memberCount: 0, members: [] });
  });

  it('GET state as known before a correction', async () => {
    const events = (await http.get(`/api/councils/${C}/events?limit=1000`).expect(200)).body as Array<{ type: string; recordedAt: string; position: string }>;
    const correction = events.find((e) => e.type === 'FactCorrected')!;
    const beforePosition = String(BigInt(correction.position) - 1n);
    const meetingsNow = (await http.get(`/api/councils/${C}/meetings`).expect(200)).body;
    const meetingsBefore = (await http.get(`/api/councils/${C}/meetings?knownAtPosition=${beforePosition}`).expect(200)).body;
    expect(meetingsNow.find((m: { meetingId: string }) => m.meetingId === 'm1').date).toBe('2012-11-03');
    expect(meetingsBefore.find((m: { meetingId: string }) => m.meetingId === 'm1').date).toBe('2012-11-10');
    const early = await http.get(`/api/councils/${C}/state?at=2012-11-05&knownAt=2000-01-01T00:00:00Z`).expect(200);
    expect(early.body).toMatchObject({ status: 'not-founded', memberCount: 0, meetingsHeld: 0, knownAt: '2000-01-01T00:00:00.000Z' });
  });

  it('GET members: on a day, or every member with their term', async () => {
    const onDay = await http.get(`/api/councils/${C}/members?at=2013-08-01`).expect(200);
    expect(onDay.body).toMatchObject({ memberCount: 2, uncertainMembers: [] });
    const all = await http.get(`/api/councils/${C}/members`).expect(200);
    expect(all.body.members).toContainEqual(expect.objectContaining({ memberId: 'tor', aliases: ['Vladimir Tor'], curia: 'nationalist', electedOn: '2012-10-27', leftOn: '2013-07', leftReason: 'resigned' }));
  });

  it('GET meetings in date order with reported beside derived figures', async () => {
    const res = await http.get(`/api/councils/${C}/meetings`).expect(200);
    expect(res.body.map((m: { meetingId: string }) => m.meetingId)).toEqual(['m1', 'm2', 'm20']);
    expect(res.body[1]).toMatchObject({
      meetingId: 'm2', number: 2, date: '2012-11-24', kind: 'regular', outcome: 'held', chair: { name: 'Chair Outsider' }, present: 37, remoteCount: 2,
      membership: 3, membershipUncertain: 0, reportedMembership: 45, quorum: 2, quorumRule: 'majority-of-members', agenda: ['minutes'],
    });
    expect(res.body[2]).toMatchObject({ outcome: 'quorum-failed', present: 14, reportedMembership: 40 });
  });

  it('GET motions with tally, rule, required and outcome; individual votes only with ?votes=true', async () => {
    const bare = await http.get(`/api/councils/${C}/motions`).expect(200);
    expect(bare.body).toHaveLength(1);
    expect(bare.body[0]).not.toHaveProperty('votes');
    expect(bare.body[0]).toMatchObject({ motionId: 'statement', outcome: 'adopted' });
    await http.get(`/api/councils/${C}/motions?votes=maybe`).expect(400);
    const res = await http.get(`/api/councils/${C}/motions?votes=true`).expect(200);
    expect(res.body).toEqual([expect.objectContaining({
      motionId: 'statement', title: 'Programmatic statement', online: true, tally: { yes: 23, no: 0, abstain: 0 }, rule: 'majority-of-members',
      required: 23, outcome: 'adopted', base: { of: 'members', count: 45, uncertain: 0 }, votes: [{ memberId: 'navalny', name: 'Alexei Navalny', choice: 'yes' }],
    })]);
  });

  it('GET timeline in world order, filtered by EDTF dates, with sources and record times', async () => {
    const res = await http.get(`/api/councils/${C}/timeline?from=2012-11&to=2012-11`).expect(200);
    expect(res.body.map((e: { date: string }) => e.date)).toEqual(['2012-11-03', '2012-11-10', '2012-11-10', '2012-11-12', '2012-11-24', '2012-11-24']);
    expect(res.body[0]).toMatchObject({ type: 'MeetingHeld', source: { title: 'Minutes of the CC' }, description: expect.stringMatching(/Meeting 1 was held/) });
    expect(typeof res.body[0].recordedAt).toBe('string');
    expect(res.body[0].position).toMatch(/^\d+$/);
  });

  it('GET events in record order with positions as strings and who recorded each', async () => {
    const page = await http.get(`/api/councils/${C}/events?limit=2`).expect(200);
    expect(page.body).toHaveLength(2);
    expect(page.body[0]).toMatchObject({ type: 'CouncilFounded', position: expect.stringMatching(/^\d+$/), recordedBy: { tokenId: 'tok-1', label: 'historian', role: 'historian' }, metadata: { source: { title: 'Minutes of the CC' } } });
    const next = await http.get(`/api/councils/${C}/events?after=${page.body[1].position}&limit=1`).expect(200);
    expect(next.body[0].type).toBe('MemberElected');
    expect(BigInt(next.body[0].position)).toBeGreaterThan(BigInt(page.body[1].position));
  });

  it('read-after-write: ?minPosition= waits for the projections, bounded', async () => {
    const position = await append('MemberElected', fact.elected('yashin', '2012-10-27', { name: 'Ilya Yashin' }));
    const res = await http.get(`/api/councils/${C}/members?minPosition=${position}`).expect(200);
    expect(res.headers['x-min-position-reached']).toBe('true');
    expect(res.body.members.map((m: { memberId: string }) => m.memberId)).toContain('yashin');
    const far = await http.get(`/api/councils/${C}/state?minPosition=${position + 1000n}`).expect(200);
    expect(far.headers['x-min-position-reached']).toBe('false');
  }, 10000);

  it('GET meetings derives membership and quorum from the record as known at the read, keeping the figures stored when recorded', async () => {
    const K = 'corrected-council';
    const add = async (type: CouncilEventType, data: unknown) => {
      const id = randomUUID();
      const result = await store.appendToStream(councilStream(K), [{ id, type, data, metadata: { schemaVersion: 1 } }]);
      return { id, position: result.position };
    };
    await add('CouncilFounded', fact.founded(K));
    for (const m of ['a', 'b', 'c', 'd']) await add('MemberElected', fact.elected(m, '2012-10-27'));
    const departure = await add('MemberLeft', fact.left('d', '2013-05-01'));
    // Recorded with the figures the write side derived then: 4 in office, quorum 3.
    await add('MeetingHeld', fact.meeting('mt', '2013-03-01', { number: 1, presentCount: 3, membership: { certain: 4, uncertain: 0 }, quorum: { rule: 'majority-of-members', required: 3, requiredIfAllUncertainIn: 3 } }));
    const meetingOf = async (query = '') => ((await http.get(`/api/councils/${K}/meetings${query}`).expect(200)).body as Array<Record<string, unknown>>)[0];
    await new Promise((r) => setTimeout(r, 20)); // so that knownAt (ms) can tell the correction from what came before
    // An earlier departure replaced: d left before the meeting after all.
    const correction = await add('FactCorrected', {
      eventId: departure.id, originalType: 'MemberLeft', replacement: { type: 'MemberLeft', data: fact.left('d', '2013-02-01') }, reason: 'date misread',
    });
    const status = app.get<ProjectionStatus>(PROJECTION_STATUS);
    expect(await status.waitFor(correction.position, 5000)).toBe(true);
    expect(await meetingOf()).toMatchObject({
      meetingId: 'mt', membership: 3, membershipUncertain: 0, quorum: 2, quorumIfAllUncertainIn: 2, quorumRule: 'majority-of-members',
      membershipWhenRecorded: 4, quorumWhenRecorded: 3,
    });
    // As known before the correction: the old figures.
    expect(await meetingOf(`?knownAtPosition=${correction.position - 1n}`)).toMatchObject({ membership: 4, membershipUncertain: 0, quorum: 3, membershipWhenRecorded: 4, quorumWhenRecorded: 3 });
    const events = (await http.get(`/api/councils/${K}/events?limit=1000`).expect(200)).body as Array<{ type: string; recordedAt: string; position: string }>;
    const beforeCorrection = events[events.length - 2];
    expect(await meetingOf(`?knownAt=${beforeCorrection.recordedAt}`)).toMatchObject({ membership: 4, quorum: 3 });
    // An out-of-order fact: a departure recorded later, dated before the meeting.
    const late = await add('MemberLeft', fact.left('c', '2013-01-15'));
    expect(await status.waitFor(late.position, 5000)).toBe(true);
    expect(await meetingOf()).toMatchObject({ membership: 2, quorum: 2, membershipWhenRecorded: 4, quorumWhenRecorded: 3 });
    // The analytics agree with /meetings.
    const attendance = (await http.get(`/api/councils/${K}/analytics/attendance`).expect(200)).body;
    expect(attendance.meetings[0]).toMatchObject({ membership: 2, quorum: 2 });
  });

  it('knownAtPosition: positions above 2^53−1 are 400; knownAt reports the recorded time of the position', async () => {
    const events = (await http.get(`/api/councils/${C}/events?limit=1000`).expect(200)).body as Array<{ type: string; recordedAt: string; position: string }>;
    const third = events[2];
    const state = await http.get(`/api/councils/${C}/state?at=2013-01-01&knownAtPosition=${third.position}`).expect(200);
    expect(state.body).toMatchObject({ knownAt: third.recordedAt, knownAtPosition: third.position });
    const attendance = await http.get(`/api/councils/${C}/analytics/attendance?knownAtPosition=${third.position}`).expect(200);
    expect(attendance.body.knownAt).toBe(third.recordedAt);
    const membership = await http.get(`/api/councils/${C}/analytics/membership?from=2012-11&to=2012-12&knownAtPosition=${third.position}`).expect(200);
    expect(membership.body.knownAt).toBe(third.recordedAt);
    await http.get(`/api/councils/${C}/state?knownAtPosition=9007199254740991`).expect(200);
    for (const path of ['state', 'meetings', 'motions', 'timeline', 'members', 'analytics/attendance', 'export/popolo']) {
      const res = await http.get(`/api/councils/${C}/${path}?knownAtPosition=9007199254740992`).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'knownAtPosition' })]);
    }
    await http.get(`/api/councils/${C}/state?knownAtPosition=18446744073709551615`).expect(400);
  });

  it('GET timeline with from later than to is a 400 naming both fields', async () => {
    const res = await http.get(`/api/councils/${C}/timeline?from=2013-02&to=2013-01-15`).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'to']);
    // Overlapping imprecise dates may still share a day: not an error.
    await http.get(`/api/councils/${C}/timeline?from=2013&to=2013-01`).expect(200);
    await http.get(`/api/councils/${C}/timeline?from=2013-01-15&to=2013-01-15`).expect(200);
  });

  it('answers problems: 404 unknown council, 400 bad dates and parameters', async () => {
    const missing = await http.get('/api/councils/nope/state').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, entity: 'council' });
    await http.get(`/api/councils/${C}/state?at=2013-02-30`).expect(400);
    await http.get(`/api/councils/${C}/state?at=2013-07`).expect(400);
    await http.get(`/api/councils/${C}/state?at=not-a-date`).expect(400);
    await http.get(`/api/councils/${C}/state?knownAt=yesterday`).expect(400);
    await http.get(`/api/councils/${C}/state?minPosition=abc`).expect(400);
    await http.get(`/api/councils/${C}/events?limit=0`).expect(400);
    await http.get(`/api/councils/${C}/timeline?from=2013-13`).expect(400);
    await http.get(`/api/councils/${C}/meetings?bogus=1`).expect(400);
  });
});
