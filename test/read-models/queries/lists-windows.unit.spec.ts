import type { CouncilEventMap, MemberRef } from '../../../src/council/domain/events';
import { NOW } from '../../../src/read-models/queries/known-at';
import { ListsQuery } from '../../../src/read-models/queries/lists.query';
import { CursorKey, KEY } from '../../../src/read-models/queries/paging';
import { TestStore, fact } from '../helpers';
import { readDatabaseOf } from './read-db';

/**
 * Focused tests of lists.query.ts's windowed reads (keyset pages: members, meetings, motions), the page of
 * motions with their votes, the working groups, and the fields the reads property's generator does not vary,
 * over the real read database (a file in a temporary folder, fed by the real projections). Walked page by
 * page, each list equals the whole list, in the order the test computes from the facts it wrote.
 */
const C = 'lw';

type Keyed = { [KEY]?: CursorKey };

/** Walks a windowed read page by page (each page asks for limit + 1 rows, as the service does). */
function walk<T extends Keyed>(read: (window: { after?: CursorKey; limit: number }) => T[], limit: number): T[][] {
  const pages: T[][] = [];
  let after: CursorKey | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const rows = read({ after, limit: limit + 1 });
    pages.push(rows.slice(0, limit));
    if (rows.length <= limit) return pages;
    after = rows[limit - 1][KEY];
  }
  throw new Error(`the walk did not end after 50 pages of ${limit}`);
}

/** Plain data of a row (the sort key is a symbol, not part of the answer). */
const plain = <T extends object>(row: T) => JSON.parse(JSON.stringify(row)) as T;

interface MemberModel {
  memberId: string;
  name: string;
  aliases: string[];
  electedOn: string;
  votes?: number;
  left?: CouncilEventMap['MemberLeft'];
  affiliations: Array<{ groupId: string; from?: string; to?: string; outside?: true }>;
}

async function fixture() {
  const store = new TestStore();
  store.append(C, 'CouncilFounded', fact.founded(C));
  const members: MemberModel[] = [
    // Two members of the same name (the key's tie-break is the id), recorded out of name order.
    { memberId: 'm-c', name: 'Anna Petrova', aliases: ['A. Petrova', 'Anya'], electedOn: '2012-10-27', votes: 310, affiliations: [] },
    { memberId: 'm-a', name: 'Anna Petrova', aliases: [], electedOn: '2012-10-27', affiliations: [] },
    { memberId: 'm-d', name: 'Dmitry', aliases: [], electedOn: '2012-10-27', affiliations: [], left: { memberId: 'm-d', leftOn: '2013-05-01', reason: 'resigned', announcedOn: '2013-04-20' } },
    { memberId: 'm-b', name: 'Boris', aliases: [], electedOn: '2012-10-27', affiliations: [] },
    { memberId: 'm-e', name: 'Elena', aliases: [], electedOn: '2012-10-27', affiliations: [] },
    { memberId: 'm-f', name: 'Fyodor', aliases: [], electedOn: '2012-10-27', affiliations: [], left: { memberId: 'm-f', leftOn: '2013-06-01', reason: 'expelled' } },
  ];
  const elected = new Map<string, string>();
  for (const m of members) elected.set(m.memberId, store.append(C, 'MemberElected', fact.elected(m.memberId, m.electedOn, { name: m.name, aliases: m.aliases, ...(m.votes ? { votes: m.votes } : {}) })).id);
  for (const m of members) if (m.left) store.append(C, 'MemberLeft', m.left);
  store.append(C, 'GroupFounded', fact.group('g1'));
  store.append(C, 'GroupFounded', fact.group('party'));
  const affiliations: CouncilEventMap['MemberAffiliated'][] = [
    { memberId: 'm-b', groupId: 'g1', from: '2013-01', to: '2013-06' },
    { memberId: 'm-b', groupId: 'party', outside: true },
    { memberId: 'm-e', groupId: 'g1' },
  ];
  for (const a of affiliations) {
    store.append(C, 'MemberAffiliated', a);
    members.find((m) => m.memberId === a.memberId)!.affiliations.push({ groupId: a.groupId, ...(a.from ? { from: a.from } : {}), ...(a.to ? { to: a.to } : {}), ...(a.outside ? { outside: true as const } : {}) });
  }

  // Meetings: on 10 January two numbered ones (recorded 2 before 1) and two without a number; on 1 February
  // one on the day and one dated only by its month (same first day, later last day); a not-assembled one.
  const ann: MemberRef = { memberId: 'm-a', name: 'Anna Petrova' };
  const meetings: Array<[string, CouncilEventMap['MeetingHeld'] | CouncilEventMap['MeetingNotAssembled'], 'MeetingHeld' | 'QuorumFailed' | 'MeetingNotAssembled']> = [
    ['n2', fact.meeting('n2', '2013-01-10', { number: 2, present: [ann, { name: 'A visitor' }], presentCount: 2 }), 'MeetingHeld'],
    ['u1', fact.meeting('u1', '2013-01-10', { present: [{ memberId: 'm-b', name: 'Boris' }] }), 'MeetingHeld'],
    ['n1', fact.meeting('n1', '2013-01-10', { number: 1, scheduledChair: { name: 'A guest chair' }, chair: ann, decisionCount: 4 }), 'MeetingHeld'],
    ['u2', fact.meeting('u2', '2013-01-10', { quorumCertain: false, present: [{ name: 'Only a name' }] }), 'QuorumFailed'],
    ['feb', fact.meeting('feb', '2013-02', { number: 5 }), 'MeetingHeld'],
    ['feb1', fact.meeting('feb1', '2013-02-01', { number: 5, scheduledChair: { memberId: 'm-c', name: 'Anna Petrova' } }), 'MeetingHeld'],
    ['na', { meetingId: 'na', date: '2013-03-03', kind: 'regular', reason: 'no hall' }, 'MeetingNotAssembled'],
  ];
  for (const [, data, type] of meetings) store.append(C, type, data);
  // By day, numbered first by number, then by last day and the position the version read was recorded at
  // (u1 is corrected last, below: as known now, its version comes after u2's).
  const meetingOrderBefore = ['n1', 'n2', 'u1', 'u2', 'feb1', 'feb', 'na'];
  const meetingOrder = ['n1', 'n2', 'u2', 'u1', 'feb1', 'feb', 'na'];

  // Motions: three opened the same day (recorded in another order), one a day later, one dated by its month.
  const motionIds = ['x3', 'x1', 'x2', 'later', 'month'];
  const opened: Record<string, string> = { x3: '2013-01-10', x1: '2013-01-10', x2: '2013-01-10', later: '2013-01-11', month: '2013-01' };
  for (const id of motionIds) store.append(C, 'MotionTabled', { motionId: id, title: `Motion ${id}`, kind: 'resolution', openedOn: opened[id], mode: 'unknown' } as CouncilEventMap['MotionTabled']);
  const motionOrder = ['month', 'x3', 'x1', 'x2', 'later'];
  // Votes in record order (the order the read gives them), a pair; one vote recorded after everything.
  const votes: Array<CouncilEventMap['VoteCast']> = [
    { motionId: 'month', memberId: 'm-a', name: 'Anna Petrova', choice: 'yes', castOn: '2013-01' },
    { motionId: 'x3', memberId: 'm-b', name: 'Boris', choice: 'no', castOn: '2013-01-10' },
    { motionId: 'month', name: 'A guest', choice: 'no', castOn: '2013-01' },
    { motionId: 'x3', memberId: 'm-c', name: 'Anna Petrova', choice: 'yes', castOn: '2013-01-10' },
    { motionId: 'x2', memberId: 'm-d', name: 'Dmitry', choice: 'abstain', castOn: '2013-01-10' },
  ];
  for (const v of votes) store.append(C, 'VoteCast', v);
  const pair: CouncilEventMap['VotePaired'] = { motionId: 'x3', memberId: 'm-e', name: 'Elena', pairedWith: 'm-f', pairedWithName: 'Fyodor', castOn: '2013-01-10' };
  store.append(C, 'VotePaired', pair);

  // Working groups: composition given (a member and a non-member), unknown, given as none.
  const groups: Array<{ data: CouncilEventMap['WorkingGroupFormed']; source?: { title: string } }> = [
    { data: { workingGroupId: 'wg-law', name: 'Law', formedOn: '2013-01-15', members: [{ memberId: 'm-b', name: 'Boris' }, { name: 'An expert' }] }, source: { title: 'Minutes 3' } },
    { data: { workingGroupId: 'wg-press', name: 'Press', formedOn: '2013-01' } },
    { data: { workingGroupId: 'wg-none', name: 'Empty', formedOn: '2013-03-01', members: [] } },
  ];
  const groupEvents = groups.map((g) => store.append(C, 'WorkingGroupFormed', g.data, g.source ? { metadata: { source: g.source } } : {}));
  const beforeLate = Number(store.events.at(-1)!.position);

  // Recorded last: one more vote, and a correction of Elena's election that renames her (she moves first).
  const lateVote: CouncilEventMap['VoteCast'] = { motionId: 'x1', memberId: 'm-e', name: 'Elena', choice: 'yes', castOn: '2013-01-10' };
  store.append(C, 'VoteCast', lateVote);
  const u1 = store.events.find((e) => e.type === 'MeetingHeld' && (e.data as { meetingId: string }).meetingId === 'u1')!;
  store.append(C, 'FactCorrected', { eventId: u1.id, originalType: 'MeetingHeld', replacement: { type: 'MeetingHeld', data: { ...(u1.data as CouncilEventMap['MeetingHeld']), note: 'held in the annex' } }, reason: 'place' });
  store.append(C, 'FactCorrected', { eventId: elected.get('m-e')!, originalType: 'MemberElected', replacement: { type: 'MemberElected', data: fact.elected('m-e', '2012-10-27', { name: 'Aelita' }) }, reason: 'spelling' });
  const { db, close } = await readDatabaseOf(store, 'lists-windows');
  return { close, lists: new ListsQuery(db), members, meetings, meetingOrder, meetingOrderBefore, motionOrder, votes, lateVote, pair, groups, groupEvents, beforeLate };
}

/** The members' list as the test computes it: by name, then id; every field from the facts written. */
function expectedMembers(members: MemberModel[], renamed: boolean) {
  return members
    .map((m) => ({
      memberId: m.memberId,
      name: renamed && m.memberId === 'm-e' ? 'Aelita' : m.name,
      aliases: m.aliases,
      curia: 'general',
      votes: m.votes ?? null,
      rank: null,
      electedOn: m.electedOn,
      leftOn: m.left?.leftOn ?? null,
      leftReason: m.left?.reason ?? null,
      ...(m.left?.announcedOn ? { leftAnnouncedOn: m.left.announcedOn } : {}),
      // In date order; an affiliation since an unknown date first.
      affiliations: [...m.affiliations].sort((a, b) => (a.from === b.from ? 0 : a.from === undefined ? -1 : b.from === undefined ? 1 : a.from < b.from ? -1 : 1)),
      corrections: renamed && m.memberId === 'm-e' ? 1 : 0,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.memberId < b.memberId ? -1 : 1));
}

describe('lists: windowed reads, page by page, equal the whole list in order', () => {
  it('members: by name then id, every field from the facts; pages of 1, 2, 4 and 10 at now and before the correction', async () => {
    const f = await fixture();
    try {
      for (const [position, renamed] of [[NOW, true], [f.beforeLate, false]] as const) {
        const whole = f.lists.members(C, position);
        expect(whole.map(plain)).toStrictEqual(expectedMembers(f.members, renamed));
        for (const limit of [1, 2, 4, 10]) {
          const pages = walk((w) => f.lists.members(C, position, w), limit);
          expect(pages).toHaveLength(Math.max(1, Math.ceil(whole.length / limit)));
          expect(pages.flat().map(plain)).toStrictEqual(whole.map(plain));
        }
      }
      expect(f.lists.members(C, NOW)[0].name).toBe('Aelita');
    } finally {
      f.close();
    }
  });

  it('meetings: by day, numbered first by number, then by last day and the version\'s record position; attendees read per page; corrections counted', async () => {
    const f = await fixture();
    try {
      const whole = f.lists.meetingList(C, NOW);
      expect(whole.map((m) => m.meetingId)).toEqual(f.meetingOrder);
      for (const limit of [1, 2, 3, 7]) {
        const pages = walk((w) => f.lists.meetingList(C, NOW, w), limit);
        expect(pages.flat().map(plain)).toStrictEqual(whole.map(plain));
      }
      const byId = new Map(whole.map((m) => [m.meetingId, m]));
      // Attendees as recorded: resolved members with their id, others by name only (no null id).
      for (const [id, data] of f.meetings) {
        const present = 'present' in data ? data.present : undefined;
        expect(byId.get(id)!.attendees).toStrictEqual(present ?? []);
      }
      // Fields the property's generator does not vary.
      const n1 = byId.get('n1')!;
      expect(n1.scheduledChair).toStrictEqual({ name: 'A guest chair' });
      expect(n1.decisionCount).toBe(4);
      expect(byId.get('feb1')!.scheduledChair).toStrictEqual({ memberId: 'm-c', name: 'Anna Petrova' });
      expect(byId.get('u2')).toMatchObject({ outcome: 'quorum-failed', quorumCertain: false });
      expect(byId.get('u1')!.quorumCertain).toBe(true);
      const na = byId.get('na')!;
      expect(na).toMatchObject({ outcome: 'not-assembled', reason: 'no hall', quorumCertain: null, attendees: [] });
      for (const key of ['scheduledChair', 'decisionCount', 'reason']) expect(Object.keys(byId.get('u1')!)).not.toContain(key);
      for (const key of ['decisionCount', 'scheduledChair']) expect(Object.keys(na)).not.toContain(key);
      // One meeting corrected after everything else: its count of corrections, as known now and before.
      expect(whole.map((m) => [m.meetingId, m.corrections])).toEqual(f.meetingOrder.map((id) => [id, id === 'u1' ? 1 : 0]));
      expect(byId.get('u1')!.note).toBe('held in the annex');
      const before = f.lists.meetingList(C, f.beforeLate);
      expect(before.map((m) => [m.meetingId, m.corrections, m.note])).toEqual(f.meetingOrderBefore.map((id) => [id, 0, null]));
      for (const limit of [1, 2]) expect(walk((w) => f.lists.meetingList(C, f.beforeLate, w), limit).flat().map(plain)).toStrictEqual(before.map(plain));
    } finally {
      f.close();
    }
  });

  it('motions: by first day, last day, record order; pages of 1 to 5 equal the whole list', async () => {
    const f = await fixture();
    try {
      const whole = f.lists.motionList(C, NOW);
      expect(whole.map((m) => m.motionId)).toEqual(f.motionOrder);
      for (const limit of [1, 2, 3, 5]) {
        const pages = walk((w) => f.lists.motionList(C, NOW, w), limit);
        expect(pages.flat().map(plain)).toStrictEqual(whole.map(plain));
      }
    } finally {
      f.close();
    }
  });
});

describe('lists: a page of motions with their votes', () => {
  /** How many of the first motions fit in `max` votes together (at least one), counted here another way. */
  const fitting = (counts: number[], max: number) => {
    let sum = 0;
    let n = 0;
    while (n < counts.length && sum + counts[n] <= max) sum += counts[n++];
    return Math.max(1, n);
  };

  it('motionsWithinVotes: the first motions whose votes, as known at the position, fit the bound (never fewer than one)', async () => {
    const f = await fixture();
    try {
      for (const [position, all] of [[NOW, [...f.votes, f.lateVote]], [f.beforeLate, f.votes]] as const) {
        const motions = f.lists.motionList(C, position);
        const counts = motions.map((m) => all.filter((v) => v.motionId === m.motionId).length);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length);
        for (let max = 0; max <= all.length + 1; max++) {
          expect({ max, position, n: f.lists.motionsWithinVotes(C, position, motions, max) }).toEqual({ max, position, n: fitting(counts, max) });
        }
      }
      // By hand, at now: counts month 2, x3 2, x1 1, x2 1, later 0.
      const motions = f.lists.motionList(C, NOW);
      expect([0, 1, 2, 3, 4, 5, 6, 7].map((max) => f.lists.motionsWithinVotes(C, NOW, motions, max))).toEqual([1, 1, 1, 1, 2, 3, 5, 5]);
    } finally {
      f.close();
    }
  });

  it('withVotes: the first `count` motions gain their votes in record order and their pairs; the rest are unchanged', async () => {
    const f = await fixture();
    try {
      const all = [...f.votes, f.lateVote];
      const motions = f.lists.motionList(C, NOW);
      for (let count = 0; count <= motions.length; count++) {
        const page = f.lists.withVotes(C, NOW, motions, count);
        expect(page).toHaveLength(motions.length);
        page.forEach((m, i) => {
          if (i >= count) {
            expect(m).toBe(motions[i]);
            return;
          }
          const votes = all.filter((v) => v.motionId === m.motionId).map((v) => ({ memberId: v.memberId ?? null, name: v.name, choice: v.choice }));
          const pairs = f.pair.motionId === m.motionId ? { pairs: [{ memberId: f.pair.memberId, name: f.pair.name, pairedWith: f.pair.pairedWith, pairedWithName: f.pair.pairedWithName }] } : {};
          expect(plain(m)).toStrictEqual({ ...plain(motions[i]), votes, ...pairs });
        });
      }
      // Before the late vote, x1 had none: an empty list, not absent.
      const earlier = f.lists.motionList(C, f.beforeLate);
      const x1 = f.lists.withVotes(C, f.beforeLate, earlier, earlier.length).find((m) => m.motionId === 'x1')!;
      expect(x1.votes).toStrictEqual([]);
      expect(Object.keys(x1)).not.toContain('pairs');
    } finally {
      f.close();
    }
  });
});

describe('lists: working groups', () => {
  it('in formation order, with their members as recorded, or membersKnown false; the source of each', async () => {
    const f = await fixture();
    try {
      const [law, press, none] = f.groups;
      const view = (g: (typeof f.groups)[number], i: number) => ({
        workingGroupId: g.data.workingGroupId,
        name: g.data.name,
        formedOn: g.data.formedOn,
        membersKnown: g.data.members !== undefined,
        ...(g.data.members !== undefined ? { members: g.data.members } : {}),
        source: g.source ?? null,
        eventId: f.groupEvents[i].id,
      });
      // 2013-01 begins before 15 January.
      expect(f.lists.workingGroupList(C, NOW)).toStrictEqual([view(press, 1), view(law, 0), view(none, 2)]);
      expect(f.lists.workingGroupList(C, Number(f.groupEvents[1].position))).toStrictEqual([view(press, 1), view(law, 0)]);
      expect(f.lists.workingGroupList('nobody', NOW)).toStrictEqual([]);
    } finally {
      f.close();
    }
  });
});
