import { RecordedEvent } from '../../src/event-store/event-store.port';
import { spanOf } from './reference-fold';

/**
 * The whole record as known at a record time, folded straight from the events without the read database
 * and without the product's helpers (dates, membership, quorum, folds are all stated again here), so that
 * every read that takes `at`/`knownAt` can be compared with it field by field:
 * state (status, members, uncertain members, groups, officers, counts, last meeting), the member list,
 * meetings (with membership and quorum derived as known), motions with their votes, working groups with
 * their members, elections, and the timeline.
 *
 * Rules restated (DOMAIN.md, docs/read-models.md): a correction replaces a fact in place (the fact keeps
 * its place in record order) or retracts it; entities fold their current facts in record order (the first
 * election counts, the first departure recorded after it; an appointment succeeds the holder of its role;
 * the first decision of a motion counts); single-fact records (meetings, votes, working groups, elections,
 * affiliations) are one row each.
 */
type D = Record<string, unknown>;
type Ref = { memberId?: string; name: string };

export interface RefFact {
  /** The id of the event that first stated the fact. */
  factId: string;
  /** Where it first entered the record (corrections keep it). */
  factPosition: bigint;
  /** The event that states the current version (the original, or the correction that replaced it). */
  sourceEventId: string;
  /** When the current version became known. */
  knownFromPosition: bigint;
  knownFromMs: number;
  type: string;
  data: D;
}

const DATE_FIELD: Record<string, string> = {
  CouncilFounded: 'foundedOn', CouncilDissolved: 'dissolvedOn', MemberElected: 'electedOn', MemberLeft: 'leftOn', MeetingHeld: 'date',
  QuorumFailed: 'date', OfficerAppointed: 'from', OfficerTermEnded: 'to', WorkingGroupFormed: 'formedOn', MotionTabled: 'openedOn',
  VoteCast: 'castOn', MotionDecided: 'decidedOn', ElectionRecorded: 'heldOn', MemberAffiliated: 'from', GroupFounded: 'foundedOn',
};

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const majority = (n: number) => Math.floor(n / 2) + 1;
const refOf = (r: Ref | undefined) => (r === undefined ? null : r.memberId === undefined ? { name: r.name } : { memberId: r.memberId, name: r.name });
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Certainty that a term [from, to) covers a span of days: DOMAIN.md's rule for a day or an imprecise date. */
function covers(from: { earliest: number; latest: number }, to: { earliest: number; latest: number } | undefined, span: { earliest: number; latest: number }): 'yes' | 'no' | 'unknown' {
  if (from.latest <= span.earliest && (to === undefined || to.earliest > span.latest)) return 'yes';
  if (from.earliest > span.latest || (to !== undefined && to.latest - 1 < span.earliest)) return 'no';
  return 'unknown';
}

interface Term {
  id: string | null;
  name: string;
  extra: string;
  startEdtf: string;
  endEdtf?: string;
}

/** The record as it stood at `knownAtMs`. */
/**
 * The list row a fact belongs to, for the lists' `corrections` count: a member's election, departure and
 * affiliations; a meeting; a motion's tabling, decision and votes (restated here, not the projection's).
 */
function rowOf(type: string, data: D): string | undefined {
  if (type === 'MemberElected' || type === 'MemberLeft' || type === 'MemberAffiliated') return `member ${data.memberId as string}`;
  if (type === 'MeetingHeld' || type === 'QuorumFailed' || type === 'MeetingNotAssembled') return `meeting ${data.meetingId as string}`;
  if (type === 'MotionTabled' || type === 'MotionDecided' || type === 'VoteCast') return `motion ${data.motionId as string}`;
  return undefined;
}

export class ReferenceRecord {
  readonly facts: RefFact[];
  /** Row (`member <id>`, `meeting <id>`, `motion <id>`) → corrections known of its facts. */
  private readonly corrected = new Map<string, number>();

  constructor(events: readonly RecordedEvent[], readonly knownAtMs: number) {
    const facts = new Map<string, RefFact>();
    for (const e of events) {
      if (e.recordedAt.getTime() > knownAtMs) continue;
      const data = e.data as D & { eventId?: string; replacement?: { type: string; data: D } };
      if (e.type === 'FactRetracted' || e.type === 'FactCorrected') {
        // A correction counts against the row of the version it names, when the record holds it.
        const target = facts.get(data.eventId!);
        const row = target && rowOf(target.type, target.data);
        if (row) this.corrected.set(row, (this.corrected.get(row) ?? 0) + 1);
      }
      if (e.type === 'FactRetracted') facts.delete(data.eventId!);
      else if (e.type === 'FactCorrected') {
        const target = facts.get(data.eventId!);
        if (target) {
          facts.set(data.eventId!, {
            ...target, sourceEventId: e.id, knownFromPosition: e.position, knownFromMs: e.recordedAt.getTime(),
            type: data.replacement!.type, data: data.replacement!.data,
          });
        }
      } else {
        facts.set(e.id, { factId: e.id, factPosition: e.position, sourceEventId: e.id, knownFromPosition: e.position, knownFromMs: e.recordedAt.getTime(), type: e.type, data });
      }
    }
    this.facts = [...facts.values()].sort((a, b) => (a.factPosition < b.factPosition ? -1 : 1));
  }

  private of(...types: string[]): RefFact[] {
    return this.facts.filter((f) => types.includes(f.type));
  }

  /** Versions in the order their rows were written (the order of the read tables' rowids). */
  private inWriteOrder(facts: RefFact[]): RefFact[] {
    return [...facts].sort((a, b) => (a.knownFromPosition < b.knownFromPosition ? -1 : a.knownFromPosition > b.knownFromPosition ? 1 : 0));
  }

  council(): { founded: D; dissolved?: D } | undefined {
    let founded: D | undefined;
    let dissolved: D | undefined;
    for (const f of this.of('CouncilFounded', 'CouncilDissolved')) {
      if (f.type === 'CouncilFounded') {
        founded = f.data;
        dissolved = undefined;
      } else if (founded && !dissolved) dissolved = f.data;
    }
    return founded ? { founded, dissolved } : undefined;
  }

  /** memberId → the member's row: the first election, the first departure recorded after it. */
  memberRows(): Map<string, { elected: D; left?: D }> {
    const rows = new Map<string, { elected: D; left?: D }>();
    for (const f of this.of('MemberElected', 'MemberLeft')) {
      const id = f.data.memberId as string;
      const row = rows.get(id);
      if (f.type === 'MemberElected' && !row) rows.set(id, { elected: f.data });
      else if (f.type === 'MemberLeft' && row && !row.left) row.left = f.data;
    }
    return rows;
  }

  /** The officers' terms, role by role: an appointment ends the holder's term on the successor's first day. */
  officerTerms(): Term[] {
    const terms: Term[] = [];
    const open = new Map<string, D>();
    const term = (a: D, to: string | undefined): Term => ({ id: (a.memberId as string | undefined) ?? null, name: a.name as string, extra: a.role as string, startEdtf: a.from as string, endEdtf: to });
    for (const f of this.of('OfficerAppointed', 'OfficerTermEnded')) {
      const role = f.data.role as string;
      const holder = open.get(role);
      if (f.type === 'OfficerAppointed') {
        if (holder) terms.push(term(holder, f.data.from as string));
        open.set(role, f.data);
      } else if (holder) {
        terms.push(term(holder, f.data.to as string | undefined));
        open.delete(role);
      }
    }
    for (const holder of open.values()) terms.push(term(holder, undefined));
    return terms;
  }

  state(day: number) {
    const at = isoDay(day);
    const council = this.council();
    let status: 'not-founded' | 'active' | 'dissolved' = 'not-founded';
    let statusCertain = true;
    if (council) {
      const from = spanOf(council.founded.foundedOn as string);
      const to = council.dissolved ? spanOf(council.dissolved.dissolvedOn as string) : undefined;
      if (from.earliest > day) status = 'not-founded';
      else if (to && to.latest <= day) status = 'dissolved';
      else {
        status = 'active';
        statusCertain = from.latest <= day && (to === undefined || to.earliest > day);
      }
    }
    const onDay = (terms: Term[], started: string, ended: string) => {
      const certain: Term[] = [];
      const uncertain: Array<Term & { why: string }> = [];
      for (const t of terms) {
        const from = spanOf(t.startEdtf);
        const to = t.endEdtf === undefined ? undefined : spanOf(t.endEdtf);
        if (from.earliest > day || (to && to.latest <= day)) continue;
        const reasons: string[] = [];
        if (from.latest > day) reasons.push(`${started} ${t.startEdtf}, which may be after ${at}`);
        if (to && to.earliest <= day) reasons.push(`${ended} ${t.endEdtf}, which may be on or before ${at}`);
        if (reasons.length) uncertain.push({ ...t, why: reasons.join('; ') });
        else certain.push(t);
      }
      return { certain, uncertain };
    };
    const memberTerms: Term[] = [...this.memberRows().values()].map(({ elected, left }) => ({
      id: elected.memberId as string, name: elected.name as string, extra: elected.curia as string, startEdtf: elected.electedOn as string, endEdtf: left?.leftOn as string | undefined,
    }));
    const byName = (a: Term, b: Term) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id! < b.id! ? -1 : 1);
    const active = status === 'active';
    const members = active ? onDay(memberTerms, 'was elected', 'left') : { certain: [], uncertain: [] };
    const officers = active ? onDay(this.officerTerms(), 'took office', 'ended the term') : { certain: [], uncertain: [] };
    const groups = this.groupsOn(day);
    const meetings = this.of('MeetingHeld', 'QuorumFailed').filter((m) => spanOf(m.data.date as string).latest <= day);
    const last = [...meetings].sort((a, b) => {
      const [x, y] = [spanOf(a.data.date as string), spanOf(b.data.date as string)];
      return y.latest - x.latest || y.earliest - x.earliest || ((b.data.number as number) ?? -Infinity) - ((a.data.number as number) ?? -Infinity) ||
        (a.data.meetingId! < b.data.meetingId! ? 1 : a.data.meetingId! > b.data.meetingId! ? -1 : 0);
    })[0];
    const officer = (t: Term) => ({ role: t.extra, memberId: t.id, name: t.name, since: t.startEdtf });
    return {
      status,
      statusCertain,
      memberCount: members.certain.length,
      members: members.certain.sort(byName).map((t) => ({ memberId: t.id!, name: t.name, curia: t.extra, since: t.startEdtf, ...(groups.has(t.id!) ? { group: groups.get(t.id!)! } : {}) })),
      uncertainMembers: members.uncertain.sort(byName).map((t) => ({ memberId: t.id!, name: t.name, why: t.why })),
      officers: officers.certain.map(officer),
      uncertainOfficers: officers.uncertain.map((t) => ({ ...officer(t), why: t.why })),
      meetingsHeld: meetings.filter((m) => m.type === 'MeetingHeld').length,
      quorumFailures: meetings.filter((m) => m.type === 'QuorumFailed').length,
      ...(last ? { lastMeeting: { meetingId: last.data.meetingId as string, number: orNull(last.data.number as number | undefined), date: last.data.date as string, outcome: last.type === 'MeetingHeld' ? 'held' : 'quorum-failed' } } : {}),
      outsideAffiliations: this.outsideOn(day),
      memberStatuses: this.statusesOn(day),
    };
  }

  /** Issue 25: each member's status begun by the day, the one with the latest start (then the later recorded) winning. */
  private statusesOn(day: number) {
    const latest = new Map<string, { memberId: string; status: string; since: string; certain: boolean; start: [number, number] }>();
    for (const f of this.of('MemberStatusChanged')) {
      const span = spanOf(f.data.on as string);
      if (span.earliest > day) continue;
      const prior = latest.get(f.data.memberId as string);
      if (prior && (prior.start[0] > span.earliest || (prior.start[0] === span.earliest && prior.start[1] > span.latest))) continue;
      latest.set(f.data.memberId as string, { memberId: f.data.memberId as string, status: f.data.status as string, since: f.data.on as string, certain: span.latest <= day, start: [span.earliest, span.latest] });
    }
    return [...latest.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1)).map(({ start: _start, ...s }) => s);
  }

  /** memberId → the group the member certainly sat for on the day; of two, the first recorded. Outside ones never. */
  private groupsOn(day: number): Map<string, string> {
    const groups = new Map<string, string>();
    for (const f of this.of('MemberAffiliated')) {
      const a = f.data;
      if (a.outside || groups.has(a.memberId as string)) continue;
      if (covers(startSpan(a.from), a.to ? spanOf(a.to as string) : undefined, { earliest: day, latest: day }) === 'yes') groups.set(a.memberId as string, a.groupId as string);
    }
    return groups;
  }

  /** Issue 25: outside affiliations that may hold on the day, by member then record order; an unknown start is certain on no day. */
  private outsideOn(day: number) {
    const rows: Array<{ memberId: string; groupId: string; since?: string; until?: string; certain: boolean; position: bigint }> = [];
    for (const f of this.of('MemberAffiliated')) {
      const a = f.data;
      if (!a.outside) continue;
      const answer = covers(startSpan(a.from), a.to ? spanOf(a.to as string) : undefined, { earliest: day, latest: day });
      if (answer === 'no') continue;
      rows.push({
        memberId: a.memberId as string, groupId: a.groupId as string, ...(a.from !== undefined ? { since: a.from as string } : {}),
        ...(a.to !== undefined ? { until: a.to as string } : {}), certain: answer === 'yes', position: f.factPosition,
      });
    }
    return rows.sort((x, y) => (x.memberId < y.memberId ? -1 : x.memberId > y.memberId ? 1 : x.position < y.position ? -1 : 1)).map(({ position: _p, ...r }) => r);
  }

  /** GET /members without `at`: every member with their term and affiliations, by name. */
  members() {
    const affiliations = new Map<string, Array<{ groupId: string; from?: string; to?: string; outside?: true; key: [number, number, bigint] }>>();
    for (const f of this.of('MemberAffiliated')) {
      const a = f.data;
      const list = affiliations.get(a.memberId as string) ?? [];
      const from = startSpan(a.from);
      list.push({
        groupId: a.groupId as string, ...(a.from !== undefined ? { from: a.from as string } : {}), ...(a.to !== undefined ? { to: a.to as string } : {}),
        ...(a.outside ? { outside: true as const } : {}), key: [from.earliest, from.latest, f.knownFromPosition],
      });
      affiliations.set(a.memberId as string, list);
    }
    const rows = [...this.memberRows().values()].map(({ elected: e, left }) => ({
      memberId: e.memberId as string,
      name: e.name as string,
      aliases: (e.aliases as string[] | undefined) ?? [],
      curia: e.curia as string,
      votes: orNull(e.votes as number | undefined),
      rank: orNull(e.rank as number | undefined),
      electedOn: e.electedOn as string,
      leftOn: orNull(left?.leftOn as string | undefined),
      leftReason: orNull(left?.reason as string | undefined),
      affiliations: (affiliations.get(e.memberId as string) ?? [])
        .sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1] || (x.key[2] < y.key[2] ? -1 : 1))
        .map(({ key: _key, ...rest }) => rest),
      corrections: this.corrected.get(`member ${e.memberId as string}`) ?? 0,
    }));
    return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.memberId < b.memberId ? -1 : 1));
  }

  /** GET /meetings: each meeting fact, with membership and quorum on its date derived from the record as known. */
  meetings() {
    const council = this.council();
    const councilRule = ((council?.founded.rules as D | undefined)?.quorum as unknown) ?? 'majority-of-members';
    const seats = (council?.founded.seats as number | undefined) ?? 0;
    const terms = [...this.memberRows().values()].map(({ elected, left }) => ({ from: spanOf(elected.electedOn as string), to: left ? spanOf(left.leftOn as string) : undefined }));
    const meetings = this.of('MeetingHeld', 'QuorumFailed');
    const attendees = new Map<string, Array<ReturnType<typeof refOf>>>();
    for (const m of this.inWriteOrder(meetings)) {
      for (const p of (m.data.present as Ref[] | undefined) ?? []) {
        const list = attendees.get(m.data.meetingId as string) ?? [];
        list.push(refOf(p));
        attendees.set(m.data.meetingId as string, list);
      }
    }
    return meetings.map((f) => {
      const m = f.data;
      const span = spanOf(m.date as string);
      let certain = 0;
      let uncertain = 0;
      for (const t of terms) {
        const answer = covers(t.from, t.to, span);
        if (answer === 'yes') certain++;
        else if (answer === 'unknown') uncertain++;
      }
      const rule = ((m.quorum as D | undefined)?.rule as unknown) ?? councilRule;
      const needed = (n: number) => (rule === 'majority-of-members' ? majority(n) : rule === 'majority-of-seats' ? majority(seats) : (rule as { atLeast: number }).atLeast);
      const present = (m.present as Ref[] | undefined);
      const anomalies = m.anomalies as unknown[] | undefined;
      return {
        meetingId: m.meetingId as string,
        number: orNull(m.number as number | undefined),
        date: m.date as string,
        kind: (m.kind as string | undefined) ?? 'regular',
        outcome: f.type === 'MeetingHeld' ? 'held' : 'quorum-failed',
        outcomeBasis: orNull(m.outcomeBasis as string | undefined),
        reportedOutcome: orNull(m.reportedOutcome as string | undefined),
        chair: refOf(m.chair as Ref | undefined),
        present: orNull((m.presentCount as number | undefined) ?? present?.length),
        remoteCount: orNull(m.remoteCount as number | undefined),
        attendees: attendees.get(m.meetingId as string) ?? [],
        membership: certain,
        membershipUncertain: uncertain,
        membershipWhenRecorded: orNull((m.membership as D | undefined)?.certain as number | undefined),
        membershipUncertainWhenRecorded: orNull((m.membership as D | undefined)?.uncertain as number | undefined),
        reportedMembership: orNull(m.reportedMembership as number | undefined),
        quorum: needed(certain),
        quorumRule: rule,
        quorumIfAllUncertainIn: needed(certain + uncertain),
        quorumWhenRecorded: orNull((m.quorum as D | undefined)?.required as number | undefined),
        quorumCertain: orNull(m.quorumCertain as boolean | undefined),
        ...(m.agenda === undefined ? {} : { agenda: m.agenda as string[] }),
        note: orNull(m.note as string | undefined),
        anomalies: anomalies?.length ? anomalies : [],
        eventId: f.sourceEventId,
        corrections: this.corrected.get(`meeting ${m.meetingId as string}`) ?? 0,
        sortKey: [span.earliest, m.number === undefined ? 1 : 0, (m.number as number | undefined) ?? 0, span.latest] as number[],
      };
    });
  }

  /** GET /motions: each motion (first tabling, first decision after it) with its votes in the order they were written. */
  motions() {
    const motions = new Map<string, { tabled: D; decided?: D }>();
    for (const f of this.of('MotionTabled', 'MotionDecided')) {
      const id = f.data.motionId as string;
      const m = motions.get(id);
      if (f.type === 'MotionTabled' && !m) motions.set(id, { tabled: f.data });
      else if (f.type === 'MotionDecided' && m && !m.decided) m.decided = f.data;
    }
    const votes = new Map<string, Array<{ memberId: string | null; name: string; choice: string }>>();
    for (const v of this.inWriteOrder(this.of('VoteCast'))) {
      const list = votes.get(v.data.motionId as string) ?? [];
      list.push({ memberId: orNull(v.data.memberId as string | undefined), name: v.data.name as string, choice: v.data.choice as string });
      votes.set(v.data.motionId as string, list);
    }
    return [...motions.values()].map(({ tabled: t, decided }) => {
      const d = (decided ?? {}) as D;
      const base = d.base as { of: string; count?: number; uncertain?: number } | undefined;
      const opened = spanOf(t.openedOn as string);
      return {
        motionId: t.motionId as string,
        title: t.title as string,
        kind: t.kind as string,
        meetingId: orNull(t.meetingId as string | undefined),
        online: t.online === true,
        // Issue 25: the mode as stated, else online when it says so, else at a meeting when it names one.
        mode: (t.mode as string | undefined) ?? (t.online === true ? 'online' : t.meetingId !== undefined ? 'meeting' : 'unknown'),
        ...(t.proposers !== undefined ? { proposers: t.proposers } : {}),
        options: orNull(t.options as string[] | undefined),
        openedOn: t.openedOn as string,
        decidedOn: orNull(d.decidedOn as string | undefined),
        tally: orNull(d.tally as Record<string, number> | undefined),
        tallyFrom: orNull(d.tallyFrom as string | undefined),
        rule: orNull((d.rule ?? t.rule) as string | undefined),
        base: base === undefined ? null : { of: base.of, count: orNull(base.count), uncertain: orNull(base.uncertain) },
        required: orNull(d.required as number | undefined),
        outcome: orNull(d.outcome as string | undefined),
        winner: orNull(d.winner as string | undefined),
        reportedOutcome: orNull(d.reportedOutcome as string | undefined),
        reportedWinner: orNull(d.reportedWinner as string | undefined),
        ...(d.outcomeCertain !== undefined ? { outcomeCertain: d.outcomeCertain } : {}),
        ...(d.outcomeBasis !== undefined ? { outcomeBasis: d.outcomeBasis } : {}),
        votes: votes.get(t.motionId as string) ?? [],
        corrections: this.corrected.get(`motion ${t.motionId as string}`) ?? 0,
        sortKey: [opened.earliest, opened.latest] as number[],
      };
    });
  }

  /** GET /working-groups: each formation, with the members named by every current formation of that id. */
  workingGroups() {
    const groups = this.of('WorkingGroupFormed');
    const members = new Map<string, Array<ReturnType<typeof refOf>>>();
    for (const g of this.inWriteOrder(groups)) {
      for (const m of (g.data.members as Ref[] | undefined) ?? []) {
        const list = members.get(g.data.workingGroupId as string) ?? [];
        list.push(refOf(m));
        members.set(g.data.workingGroupId as string, list);
      }
    }
    return groups.map((f) => {
      const g = f.data;
      const known = g.members !== undefined;
      const formed = spanOf(g.formedOn as string);
      return {
        workingGroupId: g.workingGroupId as string,
        name: g.name as string,
        formedOn: g.formedOn as string,
        membersKnown: known,
        ...(known ? { members: members.get(g.workingGroupId as string) ?? [] } : {}),
        source: null,
        eventId: f.sourceEventId,
        sortKey: [formed.earliest, formed.latest] as number[],
      };
    });
  }

  /** GET /elections: each election with the figures it states (absent when not stated), and the members tied to it. */
  elections() {
    const tied = new Map<string, D[]>();
    for (const { elected: e } of this.memberRows().values()) {
      if (e.electionId === undefined) continue;
      const list = tied.get(e.electionId as string) ?? [];
      list.push(present({ memberId: e.memberId, name: e.name, curia: e.curia, rank: e.rank, votes: e.votes }));
      tied.set(e.electionId as string, list);
    }
    return this.of('ElectionRecorded').map((f) => {
      const e = f.data;
      const held = spanOf(e.heldOn as string);
      return {
        ...present({
          electionId: e.electionId, heldOn: e.heldOn, seats: e.seats, curiae: e.curiae, candidates: e.candidates, candidateCount: e.candidateCount,
          electedCount: e.electedCount, voters: e.voters, committee: e.committee, note: e.note,
          anomalies: (e.anomalies as unknown[] | undefined)?.length ? e.anomalies : undefined, members: tied.get(e.electionId as string), eventId: f.sourceEventId,
        }),
        sortKey: [held.earliest, held.latest] as number[],
      };
    });
  }

  /** GET /timeline: every dated fact in world order (earliest day, latest day, then record order). */
  timeline() {
    return this.facts
      .filter((f) => typeof f.data[DATE_FIELD[f.type]] === 'string')
      .map((f) => ({ f, span: spanOf(f.data[DATE_FIELD[f.type]] as string) }))
      .sort((a, b) => a.span.earliest - b.span.earliest || a.span.latest - b.span.latest || (a.f.factPosition < b.f.factPosition ? -1 : 1))
      .map(({ f }) => ({
        eventId: f.sourceEventId,
        factId: f.factId,
        type: f.type,
        date: f.data[DATE_FIELD[f.type]] as string,
        source: null,
        recordedAt: new Date(f.knownFromMs).toISOString(),
        position: String(f.knownFromPosition),
        anomalies: (f.data.anomalies as unknown[] | undefined) ?? [],
      }));
  }
}

/** The analytics as the reference states them: membership on a day, attendance, cohesion by curia. */
export class ReferenceAnalytics {
  constructor(private readonly r: ReferenceRecord) {}

  /** Members in the analytics' order: curia, name, id (the generator records no ranks). */
  private members() {
    return [...this.r.memberRows().values()]
      .map(({ elected, left }) => ({ id: elected.memberId as string, name: elected.name as string, curia: elected.curia as string, from: spanOf(elected.electedOn as string), to: left ? spanOf(left.leftOn as string) : undefined }))
      .sort((a, b) => (a.curia < b.curia ? -1 : a.curia > b.curia ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  }

  private curiae(): Array<{ key: string; name: string }> {
    return ((this.r.council()?.founded.curiae as Array<{ key: string; name: string }> | undefined) ?? []).map((c) => ({ key: c.key, name: c.name }));
  }

  /** The member's affiliations in record order, and which group covers the span for certain (or which it may be). */
  private groupOver(memberId: string, span: { earliest: number; latest: number }): { certain?: string; possible: string[] } {
    const possible: string[] = [];
    for (const f of this.r.facts.filter((x) => x.type === 'MemberAffiliated' && x.data.memberId === memberId && !x.data.outside)) {
      const from = startSpan(f.data.from);
      const to = f.data.to === undefined ? undefined : spanOf(f.data.to as string);
      const answer = covers(from, to, span);
      if (answer === 'no') continue;
      if (answer === 'yes') return { certain: f.data.groupId as string, possible: [f.data.groupId as string] };
      possible.push(f.data.groupId as string);
    }
    return { possible };
  }

  /** GET /analytics/membership?from=D&to=D&step=day: the one point of day D. */
  membershipOn(day: number) {
    const council = this.r.council();
    const members = this.members();
    const groups = this.r.facts.filter((f) => f.type === 'GroupFounded').sort((a, b) => (a.knownFromPosition < b.knownFromPosition ? -1 : 1)).map((f) => f.data.groupId as string);
    let status: 'not-founded' | 'active' | 'dissolved' = 'not-founded';
    if (council && spanOf(council.founded.foundedOn as string).earliest <= day) {
      status = council.dissolved && spanOf(council.dissolved.dissolvedOn as string).latest <= day ? 'dissolved' : 'active';
    }
    const point = { date: isoDay(day), certain: 0, uncertain: 0, uncertainMembers: [] as string[], byCuria: {} as Record<string, { certain: number; uncertain: number }>, byGroup: {} as Record<string, { certain: number; uncertain: number }>, status };
    for (const c of this.curiae()) point.byCuria[c.key] = { certain: 0, uncertain: 0 };
    for (const m of members) point.byCuria[m.curia] ??= { certain: 0, uncertain: 0 };
    for (const g of groups) point.byGroup[g] = { certain: 0, uncertain: 0 };
    if (status !== 'active') return point;
    for (const m of members) {
      const answer = covers(m.from, m.to, { earliest: day, latest: day });
      if (answer === 'no') continue;
      const group = this.groupOver(m.id, { earliest: day, latest: day });
      for (const g of group.possible) {
        const counts = (point.byGroup[g] ??= { certain: 0, uncertain: 0 });
        if (answer === 'yes' && group.certain === g) counts.certain++;
        else counts.uncertain++;
      }
      if (answer === 'yes') {
        point.certain++;
        point.byCuria[m.curia].certain++;
      } else {
        point.uncertain++;
        point.byCuria[m.curia].uncertain++;
        point.uncertainMembers.push(m.id);
      }
    }
    return point;
  }

  /** GET /analytics/attendance: per meeting, and per member over the meetings that name their participants. */
  attendance() {
    const meetings = this.r.meetings();
    const named = new Map<string, Set<string>>();
    for (const f of this.r.facts.filter((x) => x.type === 'MeetingHeld' || x.type === 'QuorumFailed')) {
      const present = f.data.present as Ref[] | undefined;
      if (!present?.length) continue;
      const set = named.get(f.data.meetingId as string) ?? new Set<string>();
      for (const p of present) if (p.memberId !== undefined) set.add(p.memberId);
      named.set(f.data.meetingId as string, set);
    }
    const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
    const perMeeting = meetings.map((m) => ({
      meetingId: m.meetingId, number: m.number, date: m.date, kind: m.kind, outcome: m.outcome, present: m.present, remote: m.remoteCount,
      membership: m.membership, membershipUncertain: m.membershipUncertain, reportedMembership: m.reportedMembership,
      rate: m.present === null ? null : share(m.present, m.membership), quorum: m.quorum, quorumIfAllUncertainIn: m.quorumIfAllUncertainIn,
      margin: m.present === null ? null : m.present - m.quorum, namedAttendance: named.has(m.meetingId), sortKey: m.sortKey,
    }));
    const namedMeetings = meetings.filter((m) => named.has(m.meetingId));
    const members = [];
    if (namedMeetings.length > 0) {
      for (const member of this.members()) {
        let attended = 0;
        let eligible = 0;
        let undecidable = 0;
        for (const m of namedMeetings) {
          const answer = covers(member.from, member.to, spanOf(m.date));
          const was = named.get(m.meetingId)!.has(member.id);
          // Attendance proves presence whatever the term says; an undecidable term without attendance is left out.
          if (was) {
            attended++;
            eligible++;
          } else if (answer === 'yes') eligible++;
          else if (answer === 'unknown') undecidable++;
        }
        if (eligible === 0 && undecidable === 0) continue;
        members.push({ memberId: member.id, name: member.name, curia: member.curia, attended, missed: eligible - attended, eligible, rate: share(attended, eligible), undecidable });
      }
    }
    return { meetings: perMeeting, members };
  }

  /** The political groups in the order they were founded, as the analytics' buckets list them (first founding of an id). */
  private groups(): Array<{ key: string; name: string }> {
    const out: Array<{ key: string; name: string }> = [];
    for (const f of this.r.facts.filter((x) => x.type === 'GroupFounded').sort((a, b) => (a.knownFromPosition < b.knownFromPosition ? -1 : 1))) {
      if (!out.some((g) => g.key === f.data.groupId)) out.push({ key: f.data.groupId as string, name: f.data.name as string });
    }
    return out;
  }

  /**
   * GET /analytics/attendance?by=group: per group, the member-meetings (of meetings naming their participants)
   * where the member counts (in office, or present) and certainly sat for the group on the meeting's date;
   * the rest in `unassigned`.
   */
  attendanceByGroup() {
    const named = new Map<string, Set<string>>();
    for (const f of this.r.facts.filter((x) => x.type === 'MeetingHeld' || x.type === 'QuorumFailed')) {
      const present = f.data.present as Ref[] | undefined;
      if (!present?.length) continue;
      const set = named.get(f.data.meetingId as string) ?? new Set<string>();
      for (const p of present) if (p.memberId !== undefined) set.add(p.memberId);
      named.set(f.data.meetingId as string, set);
    }
    const buckets = new Map(this.groups().map((g) => [g.key, { key: g.key, name: g.name, attended: 0, eligible: 0, seen: new Set<string>() }]));
    const unassigned = { attended: 0, eligible: 0 };
    const namedMeetings = this.r.meetings().filter((m) => named.has(m.meetingId));
    for (const member of this.members()) {
      for (const m of namedMeetings) {
        const was = named.get(m.meetingId)!.has(member.id);
        if (!was && covers(member.from, member.to, spanOf(m.date)) !== 'yes') continue;
        const key = this.groupOver(member.id, spanOf(m.date)).certain;
        let bucket = key === undefined ? undefined : buckets.get(key);
        if (key !== undefined && !bucket) buckets.set(key, (bucket = { key, name: key, attended: 0, eligible: 0, seen: new Set<string>() }));
        const target = bucket ?? unassigned;
        target.eligible += 1;
        if (was) target.attended += 1;
        bucket?.seen.add(member.id);
      }
    }
    const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
    const groups = [...buckets.values()].map(({ seen, ...b }) => ({ ...b, members: seen.size, missed: b.eligible - b.attended, rate: share(b.attended, b.eligible) }));
    return { by: 'group', groups, unassigned };
  }

  /**
   * GET /analytics/cohesion?by=group: each member's vote on a motion (the last recorded) counts in the group
   * the member certainly sat for on that vote's date; votes whose group the record leaves open are counted
   * in `votesWithoutGroup` and left out. Pairs are as by curia.
   */
  cohesionByGroup(limit = 50) {
    const members = new Set(this.members().map((m) => m.id));
    const votes = this.r.facts
      .filter((f) => f.type === 'VoteCast' && typeof f.data.memberId === 'string' && members.has(f.data.memberId as string))
      .sort((a, b) => (a.knownFromPosition < b.knownFromPosition ? -1 : 1));
    const last = new Map<string, Map<string, { choice: string; group?: string }>>();
    let votesWithoutGroup = 0;
    for (const v of votes) {
      const group = this.groupOver(v.data.memberId as string, spanOf(v.data.castOn as string)).certain;
      if (group === undefined) votesWithoutGroup += 1;
      const ballot = last.get(v.data.motionId as string) ?? new Map<string, { choice: string; group?: string }>();
      ballot.set(v.data.memberId as string, { choice: v.data.choice as string, group });
      last.set(v.data.motionId as string, ballot);
    }
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    const groups = this.groups().map(({ key, name }) => {
      const perMotion = [];
      for (const [motionId, ballot] of last) {
        const choices = [...ballot.values()].filter((b) => b.group === key).map((b) => b.choice);
        const yes = choices.filter((c) => c === 'yes').length;
        const no = choices.filter((c) => c === 'no').length;
        const abstain = choices.filter((c) => c === 'abstain').length;
        if (yes + no >= 2) perMotion.push({ motionId, rice: round(Math.abs(yes - no) / (yes + no)), yes, no, abstain });
      }
      const mean = perMotion.length ? round(perMotion.reduce((sum, p) => sum + Math.abs(p.yes - p.no) / (p.yes + p.no), 0) / perMotion.length) : null;
      return { group: key, name, motions: perMotion.length, rice: mean, perMotion };
    });
    const { pairs, pairsTotal, motionsWithVotes } = this.cohesion(limit);
    return { by: 'group', motionsWithVotes, groups, votesWithoutGroup, pairs, pairsTotal };
  }

  /** GET /analytics/cohesion (by curia): Rice index per curia and motion, agreement of pairs. */
  cohesion(limit = 50) {
    const members = new Map(this.members().map((m) => [m.id, m]));
    const ballots = new Map<string, Map<string, string>>();
    const votes = this.r.facts.filter((f) => f.type === 'VoteCast' && typeof f.data.memberId === 'string' && members.has(f.data.memberId as string));
    for (const v of votes.sort((a, b) => (a.knownFromPosition < b.knownFromPosition ? -1 : 1))) {
      const ballot = ballots.get(v.data.motionId as string) ?? new Map<string, string>();
      ballot.set(v.data.memberId as string, v.data.choice as string);
      ballots.set(v.data.motionId as string, ballot);
    }
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    const keys = this.curiae();
    for (const m of members.values()) if (!keys.some((k) => k.key === m.curia)) keys.push({ key: m.curia, name: m.curia });
    const curiae = keys.map(({ key, name }) => {
      const perMotion = [];
      for (const [motionId, ballot] of ballots) {
        const choices = [...ballot].filter(([id]) => members.get(id)!.curia === key).map(([, c]) => c);
        const yes = choices.filter((c) => c === 'yes').length;
        const no = choices.filter((c) => c === 'no').length;
        const abstain = choices.filter((c) => c === 'abstain').length;
        if (yes + no >= 2) perMotion.push({ motionId, rice: round(Math.abs(yes - no) / (yes + no)), yes, no, abstain });
      }
      const mean = perMotion.length ? round(perMotion.reduce((sum, p) => sum + Math.abs(p.yes - p.no) / (p.yes + p.no), 0) / perMotion.length) : null;
      return { curia: key, name, motions: perMotion.length, rice: mean, perMotion };
    });
    const pairs: Array<{ a: string; b: string; aName: string; bName: string; agreement: number; motions: number; same: number }> = [];
    const ids = [...members.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        let both = 0;
        let same = 0;
        for (const ballot of ballots.values()) {
          if (!ballot.has(ids[i]) || !ballot.has(ids[j])) continue;
          both++;
          if (ballot.get(ids[i]) === ballot.get(ids[j])) same++;
        }
        if (both > 0) pairs.push({ a: ids[i], b: ids[j], aName: members.get(ids[i])!.name, bName: members.get(ids[j])!.name, agreement: round(same / both), motions: both, same });
      }
    }
    pairs.sort((x, y) => y.agreement - x.agreement || y.motions - x.motions || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
    return { by: 'curia', motionsWithVotes: ballots.size, curiae, pairs: pairs.slice(0, limit), pairsTotal: pairs.length };
  }
}

/**
 * The anomalies of the record as it stands, as `rule|severity|subject|eventId|date|basis` lines: which
 * finding, about what, citing which event. Recorded ones: each rule a current fact states it breaks (written
 * with `recordAnomaly`), an error citing the event that states the fact's current version; derived ones: what
 * the record shows, except a rule the event it cites already records. The messages and figures are not restated.
 */
export function referenceAnomalies(r: ReferenceRecord): string[] {
  const council = r.council();
  if (!council) return [];
  const out: string[] = [];
  const recorded = new Set<string>();
  for (const f of r.facts) {
    for (const v of (f.data.anomalies as Array<{ rule: string }> | undefined) ?? []) {
      recorded.add(`${f.sourceEventId}|${v.rule}`);
      out.push(`${v.rule}|error|${anomalySubject(f)}|${f.sourceEventId}|${(f.data[DATE_FIELD[f.type]] as string | undefined) ?? null}|recorded`);
    }
  }
  const add = (rule: string, severity: string, subject: string, eventId: string | null, date: string | null) => {
    if (eventId !== null && recorded.has(`${eventId}|${rule}`)) return;
    out.push(`${rule}|${severity}|${subject}|${eventId}|${date}|derived`);
  };
  const founded = spanOf(council.founded.foundedOn as string);
  const dissolved = council.dissolved ? spanOf(council.dissolved.dissolvedOn as string) : undefined;
  // Members with the ids of the facts their row comes from.
  const members = new Map<string, { name: string; from: { earliest: number; latest: number }; to?: { earliest: number; latest: number }; electionId: string; departureId?: string; departures: number; leftOn?: string }>();
  for (const f of r.facts) {
    const id = f.data.memberId as string;
    if (f.type === 'MemberElected' && !members.has(id)) members.set(id, { name: f.data.name as string, from: spanOf(f.data.electedOn as string), electionId: f.factId, departures: 0 });
    else if (f.type === 'MemberLeft' && members.has(id)) {
      const m = members.get(id)!;
      m.departures += 1;
      if (m.departureId === undefined) Object.assign(m, { to: spanOf(f.data.leftOn as string), departureId: f.factId, leftOn: f.data.leftOn as string });
    }
  }
  const inOffice = (memberId: string, span: { earliest: number; latest: number }) => {
    const m = members.get(memberId)!;
    return covers(m.from, m.to, span);
  };
  const person = (role: string, memberId: string | undefined, span: { earliest: number; latest: number }, subject: string, eventId: string, date: string) => {
    if (memberId === undefined || !members.has(memberId)) return add(`${role}-not-a-member`, 'error', subject, eventId, date);
    const answer = inOffice(memberId, span);
    if (answer === 'no') add(`${role}-not-in-office`, 'error', subject, eventId, date);
    else if (answer === 'unknown') add(`${role}-possibly-not-in-office`, 'info', subject, eventId, date);
  };

  const meetingFacts = r.facts.filter((f) => f.type === 'MeetingHeld' || f.type === 'QuorumFailed');
  const meetings = r.meetings();
  const attendees = new Map<string, Ref[]>();
  for (const f of meetingFacts) for (const p of (f.data.present as Ref[] | undefined) ?? []) attendees.set(f.data.meetingId as string, [...(attendees.get(f.data.meetingId as string) ?? []), p]);
  for (const m of meetings) {
    const f = meetingFacts.find((x) => x.sourceEventId === m.eventId)!;
    const subject = `meeting:${m.meetingId}`;
    const span = spanOf(m.date);
    const low = m.membership;
    const high = m.membership + m.membershipUncertain;
    if (m.reportedMembership !== null) {
      if (m.reportedMembership < low || m.reportedMembership > high) add('reported-membership-contradicts', 'warning', subject, m.eventId, m.date);
      else if (m.membershipUncertain > 0) add('reported-membership-unexplained', 'info', subject, m.eventId, m.date);
    }
    // More present than could have been in office, on the record as it stands.
    if (m.present !== null && m.present > high) add('present-exceeds-membership', 'error', subject, m.eventId, m.date);
    if (m.chair !== null) person('chair', (m.chair as { memberId?: string }).memberId, span, subject, m.eventId, m.date);
    for (const a of attendees.get(m.meetingId) ?? []) person('participant', a.memberId, span, subject, m.eventId, m.date);
    const lowest = Math.min(m.quorum, m.quorumIfAllUncertainIn);
    const highest = Math.max(m.quorum, m.quorumIfAllUncertainIn);
    const judged = m.present === null ? 'undecidable' : m.present >= highest ? 'held' : m.present < lowest ? 'quorum-failed' : 'undecidable';
    if (m.present === null || judged === 'undecidable' || f.data.quorumCertain === false) add('quorum-undecided', 'info', subject, m.eventId, m.date);
    else if (judged !== m.outcome) add('quorum-outcome-contradicts', 'warning', subject, m.eventId, m.date);
    if (m.remoteCount !== null && m.remoteCount > 0) add('remote-participation-counted', 'info', subject, m.eventId, m.date);
    if (span.latest < founded.earliest) add('before-founding', 'error', subject, m.eventId, m.date);
    if (dissolved && span.earliest > dissolved.latest) add('after-dissolution', 'error', subject, m.eventId, m.date);
  }
  const numbers = [...new Set(meetings.map((m) => m.number).filter((n): n is number => n !== null))].sort((a, b) => a - b);
  for (let i = 1; i < numbers.length; i++) if (numbers[i] - numbers[i - 1] > 1) add('meeting-number-missing', 'info', 'council', null, null);

  for (const [memberId, m] of members) {
    const subject = `member:${memberId}`;
    const eventId = m.departureId ?? m.electionId;
    const date = m.leftOn ?? null;
    if (m.to && m.to.latest < m.from.earliest) add('departure-before-election', 'error', subject, eventId, date);
    if (m.departures > 1) add('departure-twice', 'error', subject, eventId, date);
    if (m.to && m.to.latest - m.to.earliest + 1 > 31) add('departure-date-imprecise', 'info', subject, eventId, date);
  }
  for (const v of r.facts.filter((f) => f.type === 'VoteCast')) {
    person('voter', v.data.memberId as string | undefined, spanOf(v.data.castOn as string), `motion:${v.data.motionId}`, v.sourceEventId, v.data.castOn as string);
  }
  const motionFacts = new Map<string, { tabled: RefFact; decided?: RefFact }>();
  for (const f of r.facts) {
    const id = f.data.motionId as string;
    if (f.type === 'MotionTabled' && !motionFacts.has(id)) motionFacts.set(id, { tabled: f });
    else if (f.type === 'MotionDecided' && motionFacts.has(id) && !motionFacts.get(id)!.decided) motionFacts.get(id)!.decided = f;
  }
  // A motion names a meeting by id: the row read last for that id in the meetings' order.
  const meetingById = new Map([...meetings].sort((a, b) => { for (let i = 0; i < 4; i++) if (a.sortKey[i] !== b.sortKey[i]) return a.sortKey[i] - b.sortKey[i]; const [x, y] = [meetingFacts.find((f) => f.sourceEventId === a.eventId)!.knownFromPosition, meetingFacts.find((f) => f.sourceEventId === b.eventId)!.knownFromPosition]; return x < y ? -1 : 1; }).map((m) => [m.meetingId, m]));
  for (const [motionId, { tabled, decided }] of motionFacts) {
    const subject = `motion:${motionId}`;
    const eventId = decided?.factId ?? tabled.factId;
    const date = (decided?.data.decidedOn as string | undefined) ?? (tabled.data.openedOn as string);
    if (decided && spanOf(decided.data.decidedOn as string).latest < spanOf(tabled.data.openedOn as string).earliest) add('decided-before-opened', 'error', subject, eventId, date);
    const meeting = tabled.data.meetingId === undefined ? undefined : meetingById.get(tabled.data.meetingId as string);
    if (meeting && meeting.outcome === 'quorum-failed') add('motion-at-failed-meeting', 'error', subject, eventId, date);
    if (decided && decided.data.reportedOutcome !== undefined && decided.data.outcome !== undefined && decided.data.reportedOutcome !== decided.data.outcome) add('reported-outcome-contradicts-tally', 'warning', subject, eventId, date);
    if (decided && decided.data.outcomeCertain === false) add('outcome-undecided', 'info', subject, eventId, date);
    if (!decided || decided.data.outcome === undefined) add('motion-undecided', 'info', subject, eventId, date);
  }
  // Officers' terms, with the appointment each comes from.
  const open = new Map<string, RefFact>();
  const terms: Array<{ appointed: RefFact; to?: string }> = [];
  for (const f of r.facts.filter((x) => x.type === 'OfficerAppointed' || x.type === 'OfficerTermEnded')) {
    const role = f.data.role as string;
    const holder = open.get(role);
    if (f.type === 'OfficerAppointed') {
      if (holder) terms.push({ appointed: holder, to: f.data.from as string });
      open.set(role, f);
    } else if (holder) {
      terms.push({ appointed: holder, to: f.data.to as string | undefined });
      open.delete(role);
    }
  }
  for (const holder of open.values()) terms.push({ appointed: holder });
  for (const { appointed, to } of terms) {
    const a = appointed.data;
    const subject = `officer:${a.role}`;
    const from = spanOf(a.from as string);
    if (to !== undefined && spanOf(to).latest < from.earliest) add('term-ends-before-start', 'error', subject, appointed.factId, a.from as string);
    const memberId = a.memberId as string | undefined;
    if (memberId === undefined || !members.has(memberId)) add('officer-not-a-member', 'info', subject, appointed.factId, a.from as string);
    else if (inOffice(memberId, from) === 'no') add('officer-not-in-office', 'error', subject, appointed.factId, a.from as string);
  }
  return out.sort();
}

/** What an anomaly is about, as docs/analytics.md lists them: a vote is about its motion, an affiliation about its member. */
function anomalySubject(f: RefFact): string {
  const d = f.data as Record<string, string>;
  switch (f.type) {
    case 'CouncilFounded':
    case 'CouncilDissolved':
      return 'council';
    case 'MemberElected':
    case 'MemberLeft':
    case 'MemberAffiliated':
      return `member:${d.memberId}`;
    case 'OfficerAppointed':
    case 'OfficerTermEnded':
      return `officer:${d.role}`;
    case 'MotionTabled':
    case 'MotionDecided':
    case 'VoteCast':
      return `motion:${d.motionId}`;
    case 'MeetingHeld':
    case 'QuorumFailed':
      return `meeting:${d.meetingId}`;
    case 'ElectionRecorded':
      return `election:${d.electionId}`;
    case 'WorkingGroupFormed':
      return `working-group:${d.workingGroupId}`;
    default:
      throw new Error(`no anomaly subject for ${f.type}`);
  }
}

function present(value: D): D {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
}

/** An affiliation's start: its span, or for an unknown start (issue 25) every day the index can hold (certain on none). */
function startSpan(from: unknown): { earliest: number; latest: number } {
  return from === undefined ? { earliest: -(2 ** 23), latest: 2 ** 23 - 1 } : spanOf(from as string);
}
