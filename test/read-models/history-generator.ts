import fc from 'fast-check';
import { fromDay, toDay } from '../../src/council/domain/valid-date';
import { TestStore, fact } from './helpers';

export const C = 'gen';
export const FIRST_DAY = toDay('2012-09-01');
export const LAST_DAY = toDay('2014-01-31');

/** An EDTF date around a day: exact, a month, uncertain, or an interval. */
export const edtfDate = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.constantFrom('day', 'day', 'month', 'uncertain', 'interval'), fc.integer({ min: 1, max: 60 }))
  .map(([day, form, width]) => {
    const iso = fromDay(day);
    if (form === 'month') return iso.slice(0, 7);
    if (form === 'uncertain') return `${iso}?`;
    if (form === 'interval') return `${iso}/${fromDay(day + width)}`;
    return iso;
  });

const ROLES = ['chair', 'secretary', 'treasurer'] as const;
const CHOICES = ['yes', 'no', 'abstain'] as const;

type BaseFact =
  | { kind: 'elect'; member: number; date: string }
  | { kind: 'leave'; member: number; date: string }
  | { kind: 'meeting'; id: number; date: string; failed: boolean; present?: number[]; chair?: number }
  | { kind: 'appoint'; role: number; member: number; date: string; nonMember: boolean }
  | { kind: 'endTerm'; role: number; member: number; date: string }
  | { kind: 'group'; id: number; date: string; members: number[] }
  | { kind: 'motion'; id: number; date: string; meeting?: number; options: boolean }
  | { kind: 'vote'; motion: number; member: number; choice: number; date: string }
  | { kind: 'decide'; motion: number; date: string; adopted: boolean }
  | { kind: 'election'; id: number; date: string; voters?: number }
  | { kind: 'dissolve'; date: string }
  | { kind: 'affiliate'; member: number; group: number; from?: string; to?: string; outside?: boolean };

/**
 * A correction of one recorded event: retract it, move its date, flip a meeting's outcome, or amend another of
 * its fields (a name, a role, a choice, the people present...). `target` -1 is the founding.
 */
type Correction =
  | { kind: 'retract'; target: number }
  | { kind: 'redate'; target: number; date: string }
  | { kind: 'flip'; target: number }
  | { kind: 'amend'; target: number; variant: number };

const member = fc.integer({ min: 0, max: 7 });
const people = fc.uniqueArray(member, { maxLength: 5 });

const baseFact: fc.Arbitrary<BaseFact> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('elect' as const), member, date: edtfDate }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('leave' as const), member, date: edtfDate }) },
  {
    weight: 3,
    arbitrary: fc.record(
      { kind: fc.constant('meeting' as const), id: fc.integer({ min: 0, max: 1000 }), date: edtfDate, failed: fc.boolean(), present: people, chair: member },
      { requiredKeys: ['kind', 'id', 'date', 'failed'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('appoint' as const), role: fc.integer({ min: 0, max: 2 }), member, date: edtfDate, nonMember: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endTerm' as const), role: fc.integer({ min: 0, max: 2 }), member, date: edtfDate }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('group' as const), id: fc.integer({ min: 0, max: 3 }), date: edtfDate, members: people }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('motion' as const), id: fc.integer({ min: 0, max: 4 }), date: edtfDate, meeting: fc.integer({ min: 0, max: 1000 }), options: fc.boolean() },
      { requiredKeys: ['kind', 'id', 'date', 'options'] },
    ),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('vote' as const), motion: fc.integer({ min: 0, max: 4 }), member, choice: fc.integer({ min: 0, max: 2 }), date: edtfDate }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decide' as const), motion: fc.integer({ min: 0, max: 4 }), date: edtfDate, adopted: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('election' as const), id: fc.integer({ min: 0, max: 1000 }), date: edtfDate, voters: fc.option(fc.nat({ max: 5000 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dissolve' as const), date: edtfDate }) },
  {
    weight: 3,
    arbitrary: fc.record(
      // Issue 25: a start may be unknown (no `from`), and an affiliation may be outside the council (a party).
      { kind: fc.constant('affiliate' as const), member: fc.integer({ min: 0, max: 7 }), group: fc.integer({ min: 0, max: 2 }), from: edtfDate, to: edtfDate, outside: fc.boolean() },
      { requiredKeys: ['kind', 'member', 'group'] },
    ),
  },
);

/** The groups every generated council has (founded right after the council). */
export const GROUPS = ['g0', 'g1', 'g2'];

const correction: fc.Arbitrary<Correction> = fc.oneof(
  fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('redate' as const), target: fc.nat(), date: edtfDate }),
  fc.record({ kind: fc.constant('flip' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('amend' as const), target: fc.nat(), variant: fc.nat({ max: 7 }) }),
);

export interface History {
  founded: string;
  facts: BaseFact[];
  /** Record order of the facts (a permutation): the world order is not the record order. */
  order: number[];
  corrections: Array<Correction & { after: number }>;
  /**
   * Facts recorded with `recordAnomaly` (historyWithAnomalies only): the fact's index and the rules it states it
   * breaks, indexes into RECORDED_RULES. Some are rules the anomalies report also derives for the same event.
   */
  anomalies?: Array<{ fact: number; rules: number[] }>;
}

/**
 * Rules a fact may be recorded as breaking: some the anomalies report derives itself (the report then lists
 * the recorded one only), some it never derives.
 */
export const RECORDED_RULES = [
  'voter-not-in-office', 'voter-possibly-not-in-office', 'officer-not-in-office', 'officer-not-a-member', 'participant-not-in-office',
  'chair-possibly-not-in-office', 'departure-before-election', 'quorum-undecided', 'affiliation-overlap', 'curia-seats',
] as const;

export const history: fc.Arbitrary<History> = fc
  .record({
    founded: edtfDate,
    facts: fc.array(baseFact, { minLength: 1, maxLength: 30 }),
    keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 30, maxLength: 30 }),
    corrections: fc.array(fc.tuple(correction, fc.nat()), { maxLength: 8 }),
  })
  .map(({ founded, facts, keys, corrections }) => ({
    founded,
    facts,
    // A random permutation: the record order is any order, not only the world's or its reverse.
    order: facts.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b),
    // Target -1 (one in facts.length + 1) corrects the founding.
    corrections: corrections.map(([c, after]) => ({ ...c, target: (c.target % (facts.length + 1)) - 1, after: after % (facts.length + 1) })),
  }));

/** A history some of whose facts are recorded with `recordAnomaly` (the reads property). */
export const historyWithAnomalies: fc.Arbitrary<History> = fc
  .tuple(history, fc.array(fc.record({ fact: fc.nat(), rules: fc.uniqueArray(fc.nat({ max: RECORDED_RULES.length - 1 }), { minLength: 1, maxLength: 2 }) }), { maxLength: 6 }))
  .map(([h, anomalies]) => ({ ...h, anomalies: anomalies.map((a) => ({ ...a, fact: a.fact % h.facts.length })) }));

/** A random permutation of 0..n-1 for fast-check to shrink (keys sorted, ties by index). */
export const permutation = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((keys) => keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b));

/** Records the history in a TestStore: the founding, the facts in `order`, corrections after their target. */
export function record(h: History, options: { withCorrections?: boolean } = {}): TestStore {
  const store = new TestStore();
  store.append(C, 'CouncilFounded', fact.founded(C, { foundedOn: h.founded }));
  const founding = store.events[0];
  for (const g of GROUPS) store.append(C, 'GroupFounded', fact.group(g));
  const ids = new Map<number, { id: string; type: string; data: unknown }>([[-1, { id: founding.id, type: founding.type, data: founding.data }]]);
  const pending = options.withCorrections === false ? [] : [...h.corrections];
  const flushCorrections = (recordedSoFar: number) => {
    for (const c of [...pending]) {
      const target = ids.get(c.target);
      if (!target || c.after > recordedSoFar) continue;
      pending.splice(pending.indexOf(c), 1);
      if (c.kind === 'retract') store.append(C, 'FactRetracted', { eventId: target.id, originalType: target.type, reason: 'test' });
      else {
        const replacement = c.kind === 'redate' ? redate(target, c.date) : c.kind === 'amend' ? amend(target, c.variant) : flip(target);
        if (replacement) store.append(C, 'FactCorrected', { eventId: target.id, originalType: target.type, replacement, reason: 'test' });
      }
    }
  };
  h.order.forEach((index, n) => {
    const f = h.facts[index];
    const [type, plainData] = toEvent(f);
    const rules = (h.anomalies ?? []).filter((a) => a.fact === index).flatMap((a) => a.rules);
    const data = rules.length === 0 ? plainData : { ...(plainData as object), anomalies: [...new Set(rules)].map((r) => ({ rule: RECORDED_RULES[r], message: `recorded anyway (${RECORDED_RULES[r]})`, figures: { rule: r } })) };
    const event = store.append(C, type, data as typeof plainData);
    ids.set(index, { id: event.id, type, data });
    flushCorrections(n + 1);
  });
  flushCorrections(Number.MAX_SAFE_INTEGER);
  return store;
}

const memberId = (n: number) => `member-${n}`;
const ref = (n: number) => ({ memberId: memberId(n), name: memberId(n).replace(/-/g, ' ') });

function toEvent(f: BaseFact): [Parameters<TestStore['append']>[1], unknown] {
  switch (f.kind) {
    case 'elect':
      return ['MemberElected', fact.elected(memberId(f.member), f.date)];
    case 'leave':
      return ['MemberLeft', fact.left(memberId(f.member), f.date)];
    case 'meeting':
      return [f.failed ? 'QuorumFailed' : 'MeetingHeld', fact.meeting(`meeting-${f.id}`, f.date, {
        ...(f.present ? { present: f.present.map(ref), presentCount: f.present.length } : {}),
        ...(f.chair !== undefined ? { chair: ref(f.chair) } : {}),
      })];
    case 'appoint':
      return ['OfficerAppointed', f.nonMember
        ? { role: ROLES[f.role], name: `Outsider ${f.member}`, from: f.date, nonMember: true }
        : { role: ROLES[f.role], ...ref(f.member), from: f.date }];
    case 'endTerm':
      return ['OfficerTermEnded', { role: ROLES[f.role], ...ref(f.member), to: f.date }];
    case 'group':
      return ['WorkingGroupFormed', { workingGroupId: `group-${f.id}`, name: `Group ${f.id}`, formedOn: f.date, members: f.members.map(ref) }];
    case 'motion':
      return ['MotionTabled', {
        motionId: `motion-${f.id}`, title: `Motion ${f.id}`, kind: 'resolution', openedOn: f.date, online: f.meeting === undefined,
        ...(f.meeting !== undefined ? { meetingId: `meeting-${f.meeting}` } : {}),
        ...(f.options ? { options: ['A', 'B'] } : {}),
      }];
    case 'vote':
      return ['VoteCast', { motionId: `motion-${f.motion}`, ...ref(f.member), choice: CHOICES[f.choice], castOn: f.date }];
    case 'decide':
      return ['MotionDecided', {
        motionId: `motion-${f.motion}`, decidedOn: f.date, tally: { yes: f.adopted ? 3 : 1, no: f.adopted ? 1 : 3 }, tallyFrom: 'votes',
        rule: 'majority-of-members', base: { of: 'members', count: 5, uncertain: 0 }, required: 3, outcome: f.adopted ? 'adopted' : 'rejected',
        // Decision 49, from the motion's number so the generated histories stay as they were: absent (recorded before the field), certain, uncertain.
        ...(f.motion % 3 === 0 ? {} : { outcomeCertain: f.motion % 3 === 1, outcomeBasis: f.motion % 3 === 1 ? 'reported' : 'tally' }),
      }];
    case 'election':
      return ['ElectionRecorded', { electionId: `election-${f.id}`, heldOn: f.date, ...(f.voters === undefined ? {} : { voters: f.voters }) }];
    case 'dissolve':
      return ['CouncilDissolved', fact.dissolved(f.date)];
    case 'affiliate':
      return ['MemberAffiliated', { ...fact.affiliated(memberId(f.member), GROUPS[f.group], f.from, f.to), ...(f.outside ? { outside: true as const } : {}) }];
  }
}

const DATE_FIELD: Record<string, string> = {
  CouncilFounded: 'foundedOn', ElectionRecorded: 'heldOn', MemberElected: 'electedOn', MemberLeft: 'leftOn', MeetingHeld: 'date', QuorumFailed: 'date',
  OfficerAppointed: 'from', OfficerTermEnded: 'to', WorkingGroupFormed: 'formedOn', MotionTabled: 'openedOn', VoteCast: 'castOn',
  MotionDecided: 'decidedOn', CouncilDissolved: 'dissolvedOn', MemberAffiliated: 'from',
};

function redate(target: { type: string; data: unknown }, date: string) {
  return { type: target.type, data: { ...(target.data as object), [DATE_FIELD[target.type]]: date } };
}

function flip(target: { type: string; data: unknown }) {
  if (target.type === 'MeetingHeld') return { type: 'QuorumFailed', data: target.data };
  if (target.type === 'QuorumFailed') return { type: 'MeetingHeld', data: target.data };
  return undefined;
}

/** Another value of a field other than the date, for every type of fact. */
function amend(target: { type: string; data: unknown }, variant: number) {
  const d = target.data as Record<string, unknown>;
  const other = (n: number) => ref((n + variant + 1) % 8);
  const changes: Record<string, () => Record<string, unknown>> = {
    CouncilFounded: () => ({ name: `Council renamed ${variant}`, seats: 10 + variant }),
    MemberElected: () => ({ name: `Renamed ${variant}`, aliases: [`Alias ${variant}`] }),
    MemberLeft: () => ({ reason: (['resigned', 'expelled', 'died', 'other'] as const)[variant % 4] }),
    MeetingHeld: () => ({ present: [0, 1, 2].slice(0, variant % 4).map(other), chair: other(variant) }),
    QuorumFailed: () => ({ present: [other(0)], kind: 'extraordinary' }),
    OfficerAppointed: () => ({ role: ROLES[variant % 3], ...other(variant) }),
    OfficerTermEnded: () => ({ role: ROLES[variant % 3] }),
    WorkingGroupFormed: () => ({ name: `Group renamed ${variant}`, members: [other(1), other(2)] }),
    MotionTabled: () => ({ title: `Retitled ${variant}`, options: variant % 2 ? ['A', 'B', 'C'] : undefined }),
    VoteCast: () => ({ choice: CHOICES[variant % 3], ...other(variant) }),
    MotionDecided: () => ({ outcome: d.outcome === 'adopted' ? 'rejected' : 'adopted' }),
    CouncilDissolved: () => ({ reason: `Reason ${variant}` }),
    ElectionRecorded: () => ({ voters: 100 + variant }),
    MemberAffiliated: () => ({ groupId: GROUPS[(GROUPS.indexOf(d.groupId as string) + variant + 1) % GROUPS.length] }),
  };
  return { type: target.type, data: { ...d, ...changes[target.type]() } };
}
