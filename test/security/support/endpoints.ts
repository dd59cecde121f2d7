import type request from 'supertest';

/**
 * Every write endpoint of docs/API.md, described well enough to build valid bodies and to break them on
 * purpose: the field rules below mirror the DTOs in src/council/**\/*.dto.ts and src/auth/tokens.controller.ts.
 */

export type Access = 'write' | 'correction' | 'admin';
export type Segment = 'council' | 'member' | 'role' | 'motion' | 'token';

export type FieldSpec =
  | { kind: 'text'; minLen: number; max: number; required?: boolean }
  | { kind: 'slug'; required?: boolean }
  | { kind: 'edtf'; required?: boolean }
  | { kind: 'int'; min: number; max: number; required?: boolean }
  | { kind: 'enum'; values: string[]; required?: boolean }
  | { kind: 'bool'; required?: boolean }
  | { kind: 'strings'; minItems: number; maxItems: number; max: number; unique?: boolean; required?: boolean }
  | { kind: 'object'; required?: boolean }
  | { kind: 'uuid'; required?: boolean }
  | { kind: 'source' };

export interface Endpoint {
  name: string;
  method: 'post' | 'delete';
  /** Path template; `:council` etc. are replaced by the case's segments. */
  path: string;
  segments: Segment[];
  access: Access;
  /** Body fields the endpoint accepts, with their rules (WriteBody's source/recordAnomaly/note included). */
  fields: Record<string, FieldSpec>;
  /** A body that would be accepted (and append) with a valid token on valid, existing path ids. */
  valid: Record<string, unknown>;
  /** Free-text fields where odd but valid strings can go without changing the outcome. */
  noise: string[];
  /** The request names something that cannot exist whatever the rest says (corrections of unknown events, unknown token ids). */
  alwaysUnknown?: boolean;
}

const WRITE_BODY: Record<string, FieldSpec> = {
  source: { kind: 'source' },
  recordAnomaly: { kind: 'bool' },
  note: { kind: 'text', minLen: 0, max: 5000 },
};

const SOURCE = { title: 'Minutes', url: 'https://example.org/minutes', locator: 'p. 3', quote: 'It was so.' };

export const ENDPOINTS: Endpoint[] = [
  {
    name: 'found council',
    method: 'post',
    path: '/api/councils',
    segments: [],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      councilId: { kind: 'slug' },
      name: { kind: 'text', minLen: 1, max: 300, required: true },
      // Both may be unknown (absent or null): decision 41.
      foundedOn: { kind: 'edtf' },
      seats: { kind: 'int', min: 1, max: 100000 },
      curiae: { kind: 'object' },
      rules: { kind: 'object' },
      election: { kind: 'object' },
    },
    valid: { councilId: 'fresh-council', name: 'Fresh Council', foundedOn: '2014-01-01', seats: 9, source: SOURCE },
    noise: ['name', 'note'],
  },
  {
    name: 'dissolve council',
    method: 'post',
    path: '/api/councils/:council/dissolution',
    segments: ['council'],
    access: 'write',
    fields: { ...WRITE_BODY, dissolvedOn: { kind: 'edtf', required: true }, reason: { kind: 'text', minLen: 0, max: 2000 } },
    valid: { dissolvedOn: '2014-05-01', reason: 'elections' },
    noise: ['reason', 'note'],
  },
  {
    name: 'elect member',
    method: 'post',
    path: '/api/councils/:council/members',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      memberId: { kind: 'slug' },
      name: { kind: 'text', minLen: 1, max: 200, required: true },
      aliases: { kind: 'strings', minItems: 0, maxItems: 50, max: 200 },
      curia: { kind: 'slug' },
      electedOn: { kind: 'edtf', required: true },
      votes: { kind: 'int', min: 0, max: 1_000_000_000 },
      rank: { kind: 'int', min: 1, max: 100000 },
    },
    valid: { name: 'New Person', electedOn: '2013-01-01', aliases: ['N. Person'] },
    noise: ['note'],
  },
  {
    name: 'record departure',
    method: 'post',
    path: '/api/councils/:council/members/:member/departure',
    segments: ['council', 'member'],
    access: 'write',
    fields: { ...WRITE_BODY, leftOn: { kind: 'edtf', required: true }, reason: { kind: 'enum', values: ['resigned', 'expelled', 'died', 'imprisoned', 'other'] } },
    valid: { leftOn: '2013-07', reason: 'resigned' },
    noise: ['note'],
  },
  {
    name: 'appoint officer',
    method: 'post',
    path: '/api/councils/:council/officers',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      role: { kind: 'slug', required: true },
      memberId: { kind: 'slug' },
      name: { kind: 'text', minLen: 1, max: 200 },
      from: { kind: 'edtf', required: true },
      nonMember: { kind: 'bool' },
    },
    valid: { role: 'secretary', memberId: 'm2', from: '2013-01-01' },
    noise: ['note'],
  },
  {
    name: 'end officer term',
    method: 'post',
    path: '/api/councils/:council/officers/:role/end',
    segments: ['council', 'role'],
    access: 'write',
    fields: { ...WRITE_BODY, to: { kind: 'edtf', required: true }, reason: { kind: 'text', minLen: 0, max: 2000 } },
    valid: { to: '2013-06-01' },
    noise: ['reason', 'note'],
  },
  {
    name: 'form working group',
    method: 'post',
    path: '/api/councils/:council/working-groups',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      workingGroupId: { kind: 'slug' },
      name: { kind: 'text', minLen: 1, max: 300, required: true },
      formedOn: { kind: 'edtf', required: true },
      // Absent members mean the source does not say who sat in it (unknown), not an empty group.
      members: { kind: 'strings', minItems: 0, maxItems: 1000, max: 200 },
    },
    valid: { name: 'Working group', formedOn: '2013-01-01', members: ['m1'] },
    noise: ['name', 'note'],
  },
  {
    name: 'record election',
    method: 'post',
    path: '/api/councils/:council/elections',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      electionId: { kind: 'slug' },
      // An election's date may be unknown (absent or null): decision 41.
      heldOn: { kind: 'edtf' },
      seats: { kind: 'int', min: 1, max: 100000 },
      curiae: { kind: 'object' },
      candidates: { kind: 'object' },
      candidateCount: { kind: 'int', min: 0, max: 1_000_000_000 },
      electedCount: { kind: 'int', min: 0, max: 1_000_000_000 },
      voters: { kind: 'int', min: 0, max: 1_000_000_000 },
      committee: { kind: 'object' },
    },
    valid: { heldOn: '2012-10-20/2012-10-22', seats: 10, voters: 100 },
    noise: ['note'],
  },
  {
    name: 'found group',
    method: 'post',
    path: '/api/councils/:council/groups',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      groupId: { kind: 'slug' },
      name: { kind: 'text', minLen: 1, max: 300, required: true },
      classification: { kind: 'text', minLen: 1, max: 100 },
      foundedOn: { kind: 'edtf' },
    },
    valid: { name: 'Party', classification: 'party' },
    noise: ['name', 'note'],
  },
  {
    name: 'affiliate member',
    method: 'post',
    path: '/api/councils/:council/members/:member/affiliations',
    segments: ['council', 'member'],
    access: 'write',
    // `from` may be unknown (absent or null), `outside` marks a party membership (decision 42).
    fields: { ...WRITE_BODY, groupId: { kind: 'slug', required: true }, from: { kind: 'edtf' }, to: { kind: 'edtf' }, outside: { kind: 'bool' } },
    valid: { groupId: 'g1', from: '2013-01-01', to: '2013-02-01' },
    noise: ['note'],
  },
  {
    name: 'record meeting',
    method: 'post',
    path: '/api/councils/:council/meetings',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      meetingId: { kind: 'slug' },
      number: { kind: 'int', min: 0, max: 1_000_000 },
      date: { kind: 'edtf', required: true },
      kind: { kind: 'enum', values: ['regular', 'extraordinary'] },
      chair: { kind: 'text', minLen: 1, max: 200 },
      agenda: { kind: 'strings', minItems: 0, maxItems: 500, max: 2000 },
      present: { kind: 'strings', minItems: 0, maxItems: 10000, max: 200 },
      presentCount: { kind: 'int', min: 0, max: 1_000_000 },
      remoteCount: { kind: 'int', min: 0, max: 1_000_000 },
      reportedMembership: { kind: 'int', min: 0, max: 1_000_000 },
      reportedOutcome: { kind: 'enum', values: ['held', 'quorum-failed'] },
    },
    valid: { date: '2013-02-02', presentCount: 4, agenda: ['Budget'] },
    noise: ['note'],
  },
  {
    name: 'table motion',
    method: 'post',
    path: '/api/councils/:council/motions',
    segments: ['council'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      motionId: { kind: 'slug' },
      title: { kind: 'text', minLen: 1, max: 1000, required: true },
      kind: { kind: 'enum', values: ['statement', 'resolution', 'appointment', 'procedural'] },
      meetingId: { kind: 'slug' },
      openedOn: { kind: 'edtf', required: true },
      online: { kind: 'bool' },
      options: { kind: 'strings', minItems: 2, maxItems: 100, max: 200, unique: true },
    },
    valid: { title: 'A motion', openedOn: '2013-02-02', online: true },
    noise: ['title', 'note'],
  },
  {
    name: 'cast vote',
    method: 'post',
    path: '/api/councils/:council/motions/:motion/votes',
    segments: ['council', 'motion'],
    access: 'write',
    fields: { ...WRITE_BODY, memberId: { kind: 'slug' }, name: { kind: 'text', minLen: 1, max: 200 }, choice: { kind: 'text', minLen: 1, max: 200, required: true } },
    valid: { memberId: 'm3', choice: 'yes' },
    noise: ['note'],
  },
  {
    name: 'decide motion',
    method: 'post',
    path: '/api/councils/:council/motions/:motion/result',
    segments: ['council', 'motion'],
    access: 'write',
    fields: {
      ...WRITE_BODY,
      decidedOn: { kind: 'edtf', required: true },
      counts: { kind: 'object' },
      reportedOutcome: { kind: 'enum', values: ['adopted', 'rejected'] },
      reportedWinner: { kind: 'text', minLen: 1, max: 200 },
    },
    valid: { decidedOn: '2013-01-20' },
    noise: ['note'],
  },
  {
    name: 'correction',
    method: 'post',
    path: '/api/councils/:council/corrections',
    segments: ['council'],
    access: 'correction',
    fields: {
      ...WRITE_BODY,
      eventId: { kind: 'uuid', required: true },
      action: { kind: 'enum', values: ['retract', 'replace'], required: true },
      replacement: { kind: 'object' },
      reason: { kind: 'text', minLen: 1, max: 5000, required: true },
    },
    // eventId never names a recorded event (ids are random v4 uuids; this one is fixed and never issued).
    valid: { eventId: '00000000-0000-4000-8000-000000000000', action: 'retract', reason: 'a mistake' },
    noise: ['reason', 'note'],
    alwaysUnknown: true,
  },
  {
    name: 'issue token',
    method: 'post',
    path: '/api/tokens',
    segments: [],
    access: 'admin',
    fields: {
      role: { kind: 'enum', values: ['admin', 'secretary', 'historian', 'analyst'], required: true },
      councilId: { kind: 'slug' },
      label: { kind: 'text', minLen: 0, max: 200 },
    },
    valid: { role: 'analyst', label: 'generated' },
    noise: ['label'],
  },
  {
    name: 'revoke token',
    method: 'delete',
    path: '/api/tokens/:token',
    segments: ['token'],
    access: 'admin',
    fields: {},
    valid: {},
    noise: [],
    alwaysUnknown: true,
  },
];

/** Path values that exist after seeding (see seedCouncil). */
export const EXISTING: Record<Exclude<Segment, 'token'>, string> = {
  council: 'main',
  member: 'm1',
  role: 'treasurer',
  motion: 'motion-1',
};

export const OTHER_COUNCIL = 'other-council';

/** The council the tests write against: five members, a meeting, a motion, a treasurer. */
export async function seedCouncil(http: () => ReturnType<typeof request>, admin: { Authorization: string }): Promise<void> {
  const ok = async (path: string, body: object) => {
    const res = await http().post(path).set(admin).send(body);
    if (res.status !== 201) throw new Error(`seeding ${path} answered ${res.status}: ${res.text}`);
    return res;
  };
  await ok('/api/councils', { councilId: 'main', name: 'Main Council', foundedOn: '2012-10-22', seats: 10 });
  await ok('/api/councils', { councilId: OTHER_COUNCIL, name: 'Other Council', foundedOn: '2012-10-22', seats: 10 });
  for (let i = 1; i <= 5; i++) await ok('/api/councils/main/members', { memberId: `m${i}`, name: `Member ${i}`, electedOn: '2012-10-22' });
  await ok('/api/councils/main/meetings', { meetingId: 'meeting-1', date: '2013-01-20', presentCount: 5 });
  await ok('/api/councils/main/motions', { motionId: 'motion-1', title: 'First motion', meetingId: 'meeting-1', openedOn: '2013-01-20' });
  await ok('/api/councils/main/officers', { role: 'treasurer', memberId: 'm1', from: '2012-11-01' });
  await ok('/api/councils/main/groups', { groupId: 'g1', name: 'Group one' });
}
