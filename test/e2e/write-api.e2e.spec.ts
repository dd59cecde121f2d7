import { TestApp, startTestApp } from '../helpers/test-app';

/** End-to-end: every write endpoint of API.md through HTTP, on the real SQLite store in a temp folder. */
describe('write API (e2e)', () => {
  let t: TestApp;
  let secretary: { Authorization: string };
  let historian: { Authorization: string };

  const post = (path: string, body: object, auth = secretary, key?: string) => {
    const req = t.http().post(path).set(auth).send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };

  async function headPosition(): Promise<string> {
    // A missing field must fail here: String(undefined) on both sides of an "appends nothing" check would pass.
    const res = await t.http().get('/api/health').expect(200);
    const head = res.body.info.eventStore.headPosition;
    expect(head).toMatch(/^[1-9][0-9]*$/);
    return head;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const s = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary', label: 'e2e secretary' }).expect(201);
    secretary = { Authorization: `Bearer ${s.body.token}` };
    const h = await t.http().post('/api/tokens').set(t.admin).send({ role: 'historian', label: 'e2e historian' }).expect(201);
    historian = { Authorization: `Bearer ${h.body.token}` };

    await post('/api/councils', {
      councilId: 'test-council',
      name: 'Test Council',
      foundedOn: '2012-10-22',
      seats: 45,
      curiae: [
        { key: 'general', name: 'General list', seats: 30 },
        { key: 'left', name: 'Left-wing', seats: 5 },
        { key: 'liberal', name: 'Liberal', seats: 5 },
        { key: 'nationalist', name: 'Nationalist', seats: 5 },
      ],
      source: { title: 'Reference', locator: 'Infobox', quote: 'Membership: 45' },
    }).expect(201);
    const curia = (i: number) => (i < 30 ? 'general' : i < 35 ? 'left' : i < 40 ? 'liberal' : 'nationalist');
    for (let i = 0; i < 45; i++) {
      await post('/api/councils/test-council/members', {
        memberId: `m${i + 1}`,
        name: `Member ${i + 1}`,
        aliases: i === 44 ? ['Pen Name'] : undefined,
        curia: curia(i),
        electedOn: '2012-10-22',
        rank: i + 1,
      }).expect(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('founds a council and answers 201 with councilId, eventIds and position', async () => {
    const res = await post('/api/councils', { name: 'Zhukovsky People’s Council', foundedOn: '2013-03-24?', seats: 15 }).expect(201);
    expect(res.body.councilId).toBe('zhukovsky-people-s-council');
    expect(res.body.eventIds).toHaveLength(1);
    expect(BigInt(res.body.position)).toBeGreaterThan(0n);
    await post('/api/councils', { councilId: 'zhukovsky-people-s-council', name: 'Again', foundedOn: '2013', seats: 3 }).expect(409);
  });

  it('lets a token scoped to a council found that council, named or not, and no other', async () => {
    const scoped = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary', councilId: 'voronezh-city-council' }).expect(201);
    const auth = { Authorization: `Bearer ${scoped.body.token}` };
    await post('/api/councils', { name: 'Another Council', foundedOn: '2013', seats: 3 }, auth).expect(403);
    const res = await post('/api/councils', { name: 'Voronezh City Council', foundedOn: '2013', seats: 21 }, auth).expect(201);
    expect(res.body.councilId).toBe('voronezh-city-council');
  });

  it('lists councils and summarises one, after waiting for its position (read-after-write)', async () => {
    const write = await post('/api/councils/test-council/members', { memberId: 'late-member', name: 'Late Member', curia: 'general', electedOn: '2013-01-10' }).expect(422);
    expect(write.body.rule).toBe('curia-seats');
    const health = await t.http().get('/api/health').expect(200);
    const position = health.body.info.eventStore.headPosition;
    const list = await t.http().get(`/api/councils?minPosition=${position}`).expect(200);
    expect(list.body.map((c: { councilId: string }) => c.councilId)).toContain('test-council');
    const summary = await t.http().get(`/api/councils/test-council?minPosition=${position}`).expect(200);
    expect(summary.body).toMatchObject({ councilId: 'test-council', name: 'Test Council', seats: 45, foundedOn: '2012-10-22', status: 'active' });
    expect(summary.body.curiae).toHaveLength(4);
    await t.http().get('/api/councils/unknown-council').expect(404);
  });

  it('elects members and refuses a sixth member in a five-seat curia with the rule and figures', async () => {
    const res = await post('/api/councils/test-council/members', { name: 'One Too Many', curia: 'liberal', electedOn: '2012-11-01' }).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.rule).toBe('curia-seats');
    expect(res.body.detail).toMatch(/5/);
    expect(res.body.status).toBe(422);
  });

  it('records a departure, refuses a second one, and refuses a departure before the election', async () => {
    await post('/api/councils/test-council/members/m45/departure', { leftOn: '2013-07', reason: 'resigned' }).expect(201);
    const twice = await post('/api/councils/test-council/members/m45/departure', { leftOn: '2013-08-01' }).expect(422);
    expect(twice.body.violations.map((v: { rule: string }) => v.rule)).toContain('departure-twice');
    const early = await post('/api/councils/test-council/members/m44/departure', { leftOn: '2011-01-01' }).expect(422);
    expect(early.body.violations.map((v: { rule: string }) => v.rule)).toContain('departure-before-election');
    await post('/api/councils/test-council/members/nobody/departure', { leftOn: '2013-01-01' }).expect(404);
  });

  it('decides a meeting outcome from the quorum rule: 14 present is quorum failed, 30 is held', async () => {
    const failed = await post('/api/councils/test-council/meetings', { date: '2013-07-20', presentCount: 14, reportedMembership: 40 }).expect(201);
    expect(failed.body.outcome).toBe('quorum-failed');
    expect(failed.body.present).toBe(14);
    const held = await post('/api/councils/test-council/meetings', {
      meetingId: 'meeting-1',
      number: 1,
      date: '2012-10-27',
      chair: 'Member 1',
      agenda: ['Political prisoners'],
      presentCount: 37,
      remoteCount: 2,
      reportedMembership: 45,
    }).expect(201);
    expect(held.body).toMatchObject({ meetingId: 'meeting-1', outcome: 'held', present: 37, membership: 45, quorum: 23 });
  });

  it('resolves a chair by alias and lists candidates for an unknown name', async () => {
    await post('/api/councils/test-council/meetings', { date: '2013-01-20', number: 4, chair: 'Pen Name', presentCount: 33 }).expect(201);
    const unknown = await post('/api/councils/test-council/meetings', { date: '2013-02-16', chair: 'Nobody Known', presentCount: 30 }).expect(422);
    expect(unknown.body.type).toMatch(/unresolved-name/);
    expect(unknown.body.candidates).toEqual([]); // nobody near that name
    const nearMiss = await post('/api/councils/test-council/meetings', { date: '2013-02-16', chair: 'Membr 17', presentCount: 30 }).expect(422);
    expect(nearMiss.body.type).toMatch(/unresolved-name/);
    expect(nearMiss.body.candidates.map((c: { memberId: string }) => c.memberId)).toEqual(['m17', 'm1', 'm7']); // nearest first
  });

  it('records a chair who is not a member only with recordAnomaly, and only for historians', async () => {
    const body = { date: '2013-06-15', number: 9, chair: 'Ilya Konstantinov', presentCount: 26, reportedMembership: 40, recordAnomaly: true };
    await post('/api/councils/test-council/meetings', body).expect(403);
    const res = await post('/api/councils/test-council/meetings', body, historian).expect(201);
    expect(res.body.outcome).toBe('held');
  });

  it('tables a motion, takes votes once per member, and applies the majority-of-members rule', async () => {
    await post('/api/councils/test-council/motions', { motionId: 'programme', title: 'Programmatic statement', kind: 'statement', meetingId: 'meeting-1', openedOn: '2012-10-27' }).expect(201);
    for (let i = 1; i <= 23; i++) await post('/api/councils/test-council/motions/programme/votes', { memberId: `m${i}`, choice: 'yes' }).expect(201);
    await post('/api/councils/test-council/motions/programme/votes', { name: 'Member 30', choice: 'no' }).expect(201);
    const twice = await post('/api/councils/test-council/motions/programme/votes', { memberId: 'm1', choice: 'no' }).expect(422);
    expect(twice.body.rule).toBe('vote-twice');
    const result = await post('/api/councils/test-council/motions/programme/result', { decidedOn: '2012-10-27' }).expect(201);
    expect(result.body).toMatchObject({ outcome: 'adopted', yes: 23, no: 1, abstain: 0, required: 23 });

    await post('/api/councils/test-council/motions', { motionId: 'amendment', title: 'Amendment', meetingId: 'meeting-1', openedOn: '2012-10-27' }).expect(201);
    const rejected = await post('/api/councils/test-council/motions/amendment/result', { decidedOn: '2012-10-27', counts: { yes: 22, no: 10 } }).expect(201);
    expect(rejected.body).toMatchObject({ outcome: 'rejected', yes: 22, required: 23 });
  });

  it('decides a motion with options (a contested election)', async () => {
    await post('/api/councils/test-council/motions', { motionId: 'secretary-election', title: 'Responsible secretary', kind: 'appointment', openedOn: '2013-04-20', online: true, options: ['Candidate A', 'Candidate B'] }).expect(201);
    const res = await post('/api/councils/test-council/motions/secretary-election/result', { decidedOn: '2013-04-20', counts: { 'Candidate A': 25, 'Candidate B': 10 } }).expect(201);
    expect(res.body.outcome).toBe('adopted');
    expect(res.body.winner).toBe('Candidate A');
    expect(res.body.counts).toEqual({ 'Candidate A': 25, 'Candidate B': 10 });
  });

  it('between options, a reported rejection stands when undecidable members leave the tally undecided; the reply and the motions list say the same (decision 47)', async () => {
    // 5 members, 2 of whom left at some day of February 2013: on the 16th, 3 are certainly in office and 2
    // undecidable, so a majority is 2 (of 3) or 3 (of 4 or 5). Candidate A's 2 votes win only with 2 required.
    const C = '/api/councils/blurred-council';
    await post('/api/councils', { councilId: 'blurred-council', name: 'Blurred Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    for (let i = 1; i <= 5; i++) await post(`${C}/members`, { memberId: `b${i}`, name: `Blurred ${i}`, electedOn: '2012-10-22' }).expect(201);
    for (const id of ['b4', 'b5']) await post(`${C}/members/${id}/departure`, { leftOn: '2013-02' }).expect(201);
    const options = ['Candidate A', 'Candidate B'];
    await post(`${C}/motions`, { motionId: 'chair', title: 'Chair', openedOn: '2013-02-16', online: true, options }).expect(201);
    const res = await post(`${C}/motions/chair/result`, { decidedOn: '2013-02-16', counts: { 'Candidate A': 2, 'Candidate B': 0 }, reportedOutcome: 'rejected' }).expect(201);
    expect(res.body).toMatchObject({ outcome: 'rejected', required: 2, base: { of: 'members', count: 3, uncertain: 2 } });
    expect('winner' in res.body).toBe(false);
    const list = await t.http().get(`${C}/motions?minPosition=${res.body.position}`).expect(200);
    expect(list.body.find((m: { motionId: string }) => m.motionId === 'chair')).toMatchObject({
      outcome: 'rejected', winner: null, reportedOutcome: 'rejected', reportedWinner: null, required: 2, tallyFrom: 'reported',
    });

    // A source naming the winner of a rejected motion contradicts itself: 422 with the rule and figures, nothing appended.
    await post(`${C}/motions`, { motionId: 'deputy', title: 'Deputy', openedOn: '2013-02-16', online: true, options }).expect(201);
    const head = await headPosition();
    const bad = await post(`${C}/motions/deputy/result`, { decidedOn: '2013-02-16', reportedOutcome: 'rejected', reportedWinner: 'Candidate B' }).expect(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 422, rule: 'reported-winner-contradicts-reported-outcome' });
    expect(bad.body.violations).toEqual([
      {
        rule: 'reported-winner-contradicts-reported-outcome',
        message: 'the source says deputy was rejected, but names Candidate B as its winner',
        figures: { motionId: 'deputy', reportedOutcome: 'rejected', reportedWinner: 'Candidate B' },
      },
    ]);
    expect(await headPosition()).toBe(head);
  });

  it('an undecided tally without a report is recorded as its reading under `required`, marked outcomeCertain false (outcomeBasis tally) in the reply, the motions list, the timeline, the anomalies and Popolo (decision 49)', async () => {
    // The council of the test above: 3 members certainly in office on 2013-02-16 and 2 undecidable, so 2 or 3 votes required.
    const C = '/api/councils/blurred-49';
    await post('/api/councils', { councilId: 'blurred-49', name: 'Blurred Council 49', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    for (let i = 1; i <= 5; i++) await post(`${C}/members`, { memberId: `b${i}`, name: `Blurred ${i}`, electedOn: '2012-10-22' }).expect(201);
    for (const id of ['b4', 'b5']) await post(`${C}/members/${id}/departure`, { leftOn: '2013-02' }).expect(201);
    await post(`${C}/motions`, { motionId: 'chair', title: 'Chair', openedOn: '2013-02-16', online: true, options: ['Candidate A', 'Candidate B'] }).expect(201);
    await post(`${C}/motions`, { motionId: 'budget', title: 'Budget', openedOn: '2013-02-16', online: true }).expect(201);
    // Candidate A's 2 votes win with 2 required, not with 3; the source says nothing: A, uncertain.
    const chair = await post(`${C}/motions/chair/result`, { decidedOn: '2013-02-16', counts: { 'Candidate A': 2, 'Candidate B': 0 } }).expect(201);
    expect(chair.body).toMatchObject({ outcome: 'adopted', winner: 'Candidate A', required: 2, outcomeCertain: false, outcomeBasis: 'tally' });
    // 2 yes: the same on the question, but the source reports the outcome: certain as its claim.
    const budget = await post(`${C}/motions/budget/result`, { decidedOn: '2013-02-16', counts: { yes: 2, no: 0 }, reportedOutcome: 'rejected' }).expect(201);
    expect(budget.body).toMatchObject({ outcome: 'rejected', required: 2, outcomeCertain: true, outcomeBasis: 'reported' });

    const list = await t.http().get(`${C}/motions?minPosition=${budget.body.position}`).expect(200);
    const byId = new Map(list.body.map((m: { motionId: string }) => [m.motionId, m]));
    expect(byId.get('chair')).toMatchObject({ outcome: 'adopted', winner: 'Candidate A', outcomeCertain: false, outcomeBasis: 'tally', reportedOutcome: null });
    expect(byId.get('budget')).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'reported', reportedOutcome: 'rejected' });
    const anomalies = await t.http().get(`${C}/anomalies?minPosition=${budget.body.position}`).expect(200);
    expect(anomalies.body.filter((a: { rule: string }) => a.rule === 'outcome-undecided').map((a: { subject: string; figures: object }) => [a.subject, a.figures])).toEqual([
      ['motion:chair', { outcome: 'adopted', winner: 'Candidate A', tally: { 'Candidate A': 2, 'Candidate B': 0 }, tallyFrom: 'reported', required: 2, baseUncertain: 2 }],
    ]);
    const timeline = await t.http().get(`${C}/timeline?from=2013-02-16&to=2013-02-16&minPosition=${budget.body.position}`).expect(200);
    expect(timeline.body.filter((e: { type: string }) => e.type === 'MotionDecided').map((e: { description: string }) => e.description)).toEqual([
      'Motion chair was adopted, won by Candidate A (2 Candidate A, 0 Candidate B; 2 required; uncertain: neither the tally on the day nor the source settles it).',
      'Motion budget was rejected (2 yes, 0 no; 2 required).',
    ]);
    // Popolo has no certainty field: `result` stays pass/fail, the extension result_certain says it.
    const popolo = await t.http().get(`${C}/export/popolo?minPosition=${budget.body.position}`).expect(200);
    expect(popolo.body.vote_events.map((v: { motion_id: string; result: string; result_certain?: boolean }) => [v.motion_id, v.result, v.result_certain])).toEqual([
      ['chair', 'pass', false],
      ['budget', 'fail', true],
    ]);
  });

  it('appoints officers and ends their term, forms working groups', async () => {
    const res = await post('/api/councils/test-council/officers', { role: 'treasurer', name: 'Member 17', from: '2012-11-24' }).expect(201);
    expect(res.body.memberId).toBe('m17');
    await post('/api/councils/test-council/officers', { role: 'secretary', name: 'Dmitry Nekrasov', nonMember: true, from: '2012-11-24' }).expect(201);
    await post('/api/councils/test-council/officers/secretary/end', { to: '2013-03-18' }).expect(201);
    await post('/api/councils/test-council/officers/nonexistent-role/end', { to: '2013-03-18' }).expect(404);
    const wg = await post('/api/councils/test-council/working-groups', { name: 'Goals and objectives', formedOn: '2012-11-24', members: ['m9', 'Member 16', 'Pen Name'] }).expect(201);
    expect(wg.body.workingGroupId).toBe('goals-and-objectives'); // derived from the name
  });

  it('an idempotent retry returns the first response and appends nothing; another body with the same key is 422', async () => {
    const body = { date: '2013-03-16', number: 6, presentCount: 27, reportedMembership: 43 };
    const first = await post('/api/councils/test-council/meetings', body, secretary, 'meeting-6-key').expect(201);
    const head = await headPosition();
    const again = await post('/api/councils/test-council/meetings', body, secretary, 'meeting-6-key').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await headPosition()).toBe(head);
    const other = await post('/api/councils/test-council/meetings', { ...body, presentCount: 28 }, secretary, 'meeting-6-key').expect(422);
    expect(other.body.type).toMatch(/idempotency/);
    expect(await headPosition()).toBe(head);
  });

  it('the same Idempotency-Key on another council is another request there: recorded, and it blocks nothing', async () => {
    await post('/api/councils', { councilId: 'key-reuse-council', name: 'Key Reuse Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    const body = { date: '2013-03-30', number: 7, presentCount: 27 };
    const first = await post('/api/councils/test-council/meetings', body, secretary, 'shared-key-1').expect(201);
    const other = await post('/api/councils/key-reuse-council/meetings', { ...body, presentCount: 0 }, secretary, 'shared-key-1').expect(201);
    expect(other.body.eventIds).not.toEqual(first.body.eventIds);
    const head = await headPosition();
    expect((await post('/api/councils/test-council/meetings', body, secretary, 'shared-key-1').expect(201)).body).toEqual(first.body);
    expect((await post('/api/councils/key-reuse-council/meetings', { ...body, presentCount: 0 }, secretary, 'shared-key-1').expect(201)).body).toEqual(other.body);
    expect(await headPosition()).toBe(head);
  });

  it('concurrent retries with one key land once', async () => {
    const body = { date: '2013-05-18', number: 8, presentCount: 27 };
    const responses = await Promise.all(Array.from({ length: 5 }, () => post('/api/councils/test-council/meetings', body, secretary, 'meeting-8-key')));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.position)).size).toBe(1);
    const events = await t.http().get('/api/councils/test-council/events?limit=1000').expect(200);
    const items = Array.isArray(events.body) ? events.body : events.body.events ?? events.body.items;
    expect(items.filter((e: { data: { number?: number } }) => e.data?.number === 8)).toHaveLength(1);
  });

  it('two concurrent meeting records on one council both land (no lost update)', async () => {
    const [a, b] = await Promise.all([
      post('/api/councils/test-council/meetings', { meetingId: 'meeting-2', number: 2, date: '2012-11-24', presentCount: 38 }),
      post('/api/councils/test-council/meetings', { meetingId: 'meeting-3', number: 3, date: '2012-12-16', presentCount: 34 }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.position).not.toBe(b.body.position);
    const again = await post('/api/councils/test-council/meetings', { number: 2, date: '2012-11-25', presentCount: 30 }).expect(422);
    expect(again.body.rule).toBe('meeting-number-taken');
  });

  it('corrections retract or replace a fact and need a historian', async () => {
    const dep = await post('/api/councils/test-council/members/m44/departure', { leftOn: '2013-09' }).expect(201);
    const eventId = dep.body.eventIds[0];
    await post('/api/councils/test-council/corrections', { eventId, action: 'retract', reason: 'wrong member' }).expect(403);
    const fix = await post('/api/councils/test-council/corrections', { eventId, action: 'replace', replacement: { leftOn: '2013-09-21' }, reason: 'exact day found' }, historian).expect(201);
    expect(fix.body.correctedEventId).toBe(eventId);
    await post('/api/councils/test-council/corrections', { eventId, action: 'replace', replacement: { leftOn: 'not a date' }, reason: 'x' }, historian).expect(400);
    await post('/api/councils/test-council/corrections', { eventId: '00000000-0000-4000-8000-000000000000', action: 'retract', reason: 'x' }, historian).expect(404);
  });

  it('dissolves the council, and nothing can happen after dissolution', async () => {
    await post('/api/councils/test-council/meetings', { date: '2013-10-19', reportedOutcome: 'quorum-failed' }).expect(201);
    await post('/api/councils/test-council/dissolution', { dissolvedOn: '2013-10-19', reason: 'ceased to exist' }).expect(201);
    const after = await post('/api/councils/test-council/meetings', { date: '2013-11-01', presentCount: 30 }).expect(422);
    expect(after.body.rule).toBe('after-dissolution');
    // A historian may still add a fact dated before the dissolution, out of record order.
    await post('/api/councils/test-council/meetings', { date: '2013-09-21', number: 11, presentCount: 23, reportedMembership: 39 }).expect(201);
  });

  it('lets an admin list and revoke tokens; a revoked token is refused', async () => {
    const issued = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary', councilId: 'test-council', label: 'temp' }).expect(201);
    const list = await t.http().get('/api/tokens').set(t.admin).expect(200);
    const entry = list.body.find((x: { tokenId: string }) => x.tokenId === issued.body.tokenId);
    expect(entry).toMatchObject({ role: 'secretary', councilId: 'test-council', label: 'temp' });
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
    expect(entry.hash).toBeUndefined();
    await t.http().get('/api/tokens').set(secretary).expect(403);
    await t.http().delete(`/api/tokens/${issued.body.tokenId}`).set(t.admin).expect(204);
    await post('/api/councils/test-council/meetings', { date: '2013-02-16', presentCount: 3 }, { Authorization: `Bearer ${issued.body.token}` }).expect(401);
    const after = await t.http().get('/api/tokens').set(t.admin).expect(200);
    expect(after.body.find((x: { tokenId: string }) => x.tokenId === issued.body.tokenId).revokedAt).toBeDefined();
  });

  it('serves health, the OpenAPI document and the interactive docs', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body.info.eventStore.kind).toBe('sqlite');
    expect(health.body.info.projections).toMatchObject({ lag: expect.any(Number), lagUnit: 'events' });
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/councils', '/api/councils/{councilId}/meetings', '/api/councils/{councilId}/state', '/api/tokens']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const ui = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  describe('bad input is a problem response and appends nothing', () => {
    it.each([
      ['malformed JSON', (p: string) => t.http().post(p).set(secretary).set('content-type', 'application/json').send('{"date": '), 400],
      ['an invalid EDTF date', (p: string) => post(p, { date: '2013-02-30', presentCount: 3 }), 400],
      ['an unknown field', (p: string) => post(p, { date: '2013-02-16', bogus: 1 }), 400],
      ['a wrong type', (p: string) => post(p, { date: '2013-02-16', presentCount: 'many' }), 400],
      ['a __proto__ key', (p: string) => t.http().post(p).set(secretary).set('content-type', 'application/json').send('{"date":"2013-02-16","__proto__":{"x":1}}'), 400],
      ['no token', (p: string) => t.http().post(p).send({ date: '2013-02-16' }), 401],
      ['an unknown token', (p: string) => t.http().post(p).set({ Authorization: 'Bearer nope' }).send({ date: '2013-02-16' }), 401],
    ])('%s', async (_name, send, status) => {
      const head = await headPosition();
      const res = await send('/api/councils/test-council/meetings');
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
      if (status === 400 && res.body.type.endsWith('/validation')) expect(res.body.errors.length).toBeGreaterThan(0);
      if (_name === 'malformed JSON') expect(res.body).toMatchObject({ type: expect.stringMatching(/malformed-json$/), detail: 'The request body is not valid JSON.' });
      expect(await headPosition()).toBe(head);
    });

    it('an unknown council is 404', async () => {
      await post('/api/councils/no-such-council/meetings', { date: '2013-02-16', presentCount: 3 }).expect(404);
    });
  });
});
