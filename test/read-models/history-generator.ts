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

type BaseFact =
  | { kind: 'elect'; member: number; date: string }
  | { kind: 'leave'; member: number; date: string }
  | { kind: 'meeting'; id: number; date: string; failed: boolean }
  | { kind: 'election'; id: number; date: string; voters?: number }
  | { kind: 'dissolve'; date: string }
  | { kind: 'affiliate'; member: number; group: number; from: string; to?: string };

type Correction =
  | { kind: 'retract'; target: number }
  | { kind: 'redate'; target: number; date: string }
  | { kind: 'flip'; target: number };

const baseFact: fc.Arbitrary<BaseFact> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('elect' as const), member: fc.integer({ min: 0, max: 7 }), date: edtfDate }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('leave' as const), member: fc.integer({ min: 0, max: 7 }), date: edtfDate }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('meeting' as const), id: fc.integer({ min: 0, max: 1000 }), date: edtfDate, failed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('election' as const), id: fc.integer({ min: 0, max: 1000 }), date: edtfDate, voters: fc.option(fc.nat({ max: 5000 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dissolve' as const), date: edtfDate }) },
  {
    weight: 3,
    arbitrary: fc.record(
      { kind: fc.constant('affiliate' as const), member: fc.integer({ min: 0, max: 7 }), group: fc.integer({ min: 0, max: 2 }), from: edtfDate, to: edtfDate },
      { requiredKeys: ['kind', 'member', 'group', 'from'] },
    ),
  },
);

/** The groups every generated council has (founded right after the council). */
export const GROUPS = ['g0', 'g1', 'g2'];

const correction: fc.Arbitrary<Correction> = fc.oneof(
  fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('redate' as const), target: fc.nat(), date: edtfDate }),
  fc.record({ kind: fc.constant('flip' as const), target: fc.nat() }),
);

export interface History {
  founded: string;
  facts: BaseFact[];
  /** Record order of the facts (a permutation): the world order is not the record order. */
  order: number[];
  corrections: Array<Correction & { after: number }>;
}

export const history: fc.Arbitrary<History> = fc
  .record({
    founded: edtfDate,
    facts: fc.array(baseFact, { minLength: 1, maxLength: 25 }),
    keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 25, maxLength: 25 }),
    corrections: fc.array(fc.tuple(correction, fc.nat()), { maxLength: 6 }),
  })
  .map(({ founded, facts, keys, corrections }) => ({
    founded,
    facts,
    order: facts.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b),
    corrections: corrections.map(([c, after]) => ({ ...c, target: c.target % facts.length, after: after % (facts.length + 1) })),
  }));

/** Records the history in a TestStore: the founding, the facts in `order`, corrections after their target. */
export function record(h: History, options: { withCorrections?: boolean } = {}): TestStore {
  const store = new TestStore();
  store.append(C, 'CouncilFounded', fact.founded(C, { foundedOn: h.founded }));
  for (const g of GROUPS) store.append(C, 'GroupFounded', fact.group(g));
  const ids = new Map<number, { id: string; type: string; data: unknown }>();
  const pending = options.withCorrections === false ? [] : [...h.corrections];
  const flushCorrections = (recordedSoFar: number) => {
    for (const c of [...pending]) {
      const target = ids.get(c.target);
      if (!target || c.after > recordedSoFar) continue;
      pending.splice(pending.indexOf(c), 1);
      if (c.kind === 'retract') store.append(C, 'FactRetracted', { eventId: target.id, originalType: target.type, reason: 'test' });
      else {
        const replacement = c.kind === 'redate' ? redate(target, c.date) : flip(target);
        if (replacement) store.append(C, 'FactCorrected', { eventId: target.id, originalType: target.type, replacement, reason: 'test' });
      }
    }
  };
  h.order.forEach((index, n) => {
    const f = h.facts[index];
    const [type, data] = toEvent(f);
    const event = store.append(C, type, data);
    ids.set(index, { id: event.id, type, data });
    flushCorrections(n + 1);
  });
  flushCorrections(Number.MAX_SAFE_INTEGER);
  return store;
}

const member = (n: number) => `member-${n}`;

function toEvent(f: BaseFact): [Parameters<TestStore['append']>[1], unknown] {
  switch (f.kind) {
    case 'elect':
      return ['MemberElected', fact.elected(member(f.member), f.date)];
    case 'leave':
      return ['MemberLeft', fact.left(member(f.member), f.date)];
    case 'meeting':
      return [f.failed ? 'QuorumFailed' : 'MeetingHeld', fact.meeting(`meeting-${f.id}`, f.date)];
    case 'election':
      return ['ElectionRecorded', { electionId: `election-${f.id}`, heldOn: f.date, ...(f.voters === undefined ? {} : { voters: f.voters }) }];
    case 'dissolve':
      return ['CouncilDissolved', fact.dissolved(f.date)];
    case 'affiliate':
      return ['MemberAffiliated', fact.affiliated(member(f.member), GROUPS[f.group], f.from, f.to)];
  }
}

function redate(target: { type: string; data: unknown }, date: string) {
  const field: Record<string, string> = { ElectionRecorded: 'heldOn', MemberElected: 'electedOn', MemberLeft: 'leftOn', MeetingHeld: 'date', QuorumFailed: 'date', CouncilDissolved: 'dissolvedOn', MemberAffiliated: 'from' };
  return { type: target.type, data: { ...(target.data as object), [field[target.type]]: date } };
}

function flip(target: { type: string; data: unknown }) {
  if (target.type === 'MeetingHeld') return { type: 'QuorumFailed', data: target.data };
  if (target.type === 'QuorumFailed') return { type: 'MeetingHeld', data: target.data };
  return undefined;
}
