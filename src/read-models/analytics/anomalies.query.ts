import { SourceCitation, Violation } from '../../council/domain/events';
import { choicesNotGiven } from '../../council/domain/rules/decision';
import { judgeQuorum } from '../../council/domain/rules/quorum';
import { iso, isoDay, parseJson } from '../queries/known-at';
import { AnalyticsTables, MeetingRow, MemberRow, Snapshot, meetingFiguresOf, memberInOffice } from './snapshot';

export type Severity = 'error' | 'warning' | 'info';

export interface AnomalyEntry {
  rule: string;
  /** error: a fact breaks a council rule; warning: a source's figure contradicts the record; info: something the sources leave open. */
  severity: Severity;
  /** recorded: stated on the fact when it was recorded with `recordAnomaly`; derived: found now, from the record as it stands. */
  basis: 'recorded' | 'derived';
  message: string;
  figures: Record<string, unknown>;
  /** What it is about: council | member:<id> | officer:<role> | meeting:<id> | motion:<id> (as in the timeline). */
  subject: string;
  /** The valid date (EDTF) of the fact, when it has one. */
  date: string | null;
  /** The event that states the fact (null for findings about the record as a whole). */
  eventId: string | null;
  sources: SourceCitation[];
  /** When that event entered the record. */
  recordedAt: string | null;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Departures whose date spans more than this many days are reported as imprecise. */
const IMPRECISE_DEPARTURE_DAYS = 31;

interface Draft {
  rule: string;
  severity: Severity;
  message: string;
  figures: Record<string, unknown>;
  subject: string;
  date: string | null;
  day: number | null;
  eventId: string | null;
  /** Further events whose sources are cited (e.g. the departures that explain a membership figure). */
  alsoCites?: Array<string | null>;
}

const who = (m: MemberRow) => ({ memberId: m.member_id, name: m.name, electedOn: m.elected_edtf, leftOn: m.left_edtf });

/**
 * The anomalies report: the rules that recorded facts break (kept with `recordAnomaly`), and what the record,
 * as it stands at the snapshot, shows the sources leave unexplained. Derived findings are recomputed on
 * every read, so a later departure or correction changes them; docs/analytics.md lists every rule id.
 */
export function anomaliesReport(t: AnalyticsTables, s: Snapshot): AnomalyEntry[] {
  const council = t.council(s);
  if (!council) return [];
  const members = t.members(s);
  const byId = new Map(members.map((m) => [m.member_id, m]));
  const meetings = t.meetings(s);
  const meetingById = new Map(meetings.map((m) => [m.meeting_id, m]));
  const drafts: Draft[] = [];
  const recordedKeys = new Set<string>();
  const recorded: AnomalyEntry[] = [];
  const sortDay = new Map<AnomalyEntry, number | null>();

  for (const f of t.anomalousFacts(s)) {
    const violations = parseJson<Violation[]>(f.anomalies) ?? [];
    const src = t.source(f.source_event_id);
    for (const v of violations) {
      recordedKeys.add(`${f.source_event_id}|${v.rule}`);
      const entry: AnomalyEntry = {
        rule: v.rule, severity: 'error', basis: 'recorded', message: v.message, figures: v.figures ?? {}, subject: anomalySubject(f.subject),
        date: f.valid_edtf, eventId: f.source_event_id, sources: src?.source ? [src.source] : [], recordedAt: iso(f.known_from_ms),
      };
      recorded.push(entry);
      sortDay.set(entry, f.valid_earliest);
    }
  }

  // Meetings: reported against derived membership, chair and participants, quorum, remote participation.
  const attendance = new Map<string, Array<{ member_id: string | null; name: string }>>();
  for (const a of t.attendance(s)) attendance.set(a.meeting_id, [...(attendance.get(a.meeting_id) ?? []), a]);
  const figuresOf = meetingFiguresOf(council, members);
  for (const m of meetings) {
    const base = { subject: `meeting:${m.meeting_id}`, date: m.date_edtf, day: m.date_earliest, eventId: m.source_event_id };
    const label = meetingLabel(m);
    const span = { earliest: m.date_earliest, latest: m.date_latest };
    const { membership, quorum } = figuresOf(m);
    const low = membership.certain;
    const high = membership.certain + membership.uncertain;
    if (m.reported_membership !== null) {
      const reported = m.reported_membership;
      const uncertainMembers = membership.uncertainMembers.map(who);
      const departed = members.filter((x) => memberInOffice(x, span) === 'no' && x.elected_latest <= m.date_earliest).map(who);
      const figures = { reported, derivedCertain: low, derivedUncertain: membership.uncertain, derivedRange: [low, high], uncertainMembers, departedBefore: departed };
      const cites = membership.uncertainMembers.map((x) => x.departure_fact_id);
      if (reported < low || reported > high) {
        const gap = reported < low ? reported - low : reported - high;
        drafts.push({
          ...base, rule: 'reported-membership-contradicts', severity: 'warning', alsoCites: cites,
          figures: { ...figures, difference: gap },
          message: `${label}: the source reports ${reported} members, the record gives ${low}${membership.uncertain ? `–${high} (${membership.uncertain} undecidable)` : ''} in office on ${m.date_edtf} (${gap > 0 ? '+' : ''}${gap})`,
        });
      } else if (membership.uncertain > 0) {
        drafts.push({
          ...base, rule: 'reported-membership-unexplained', severity: 'info', alsoCites: cites,
          figures: { ...figures, impliedUncertainInOffice: reported - low },
          message: `${label}: the source's ${reported} members fits the record only if ${reported - low} of the ${membership.uncertain} members whose dates are undecidable were still in office on ${m.date_edtf}`,
        });
      }
    }
    // The domain refuses it when recorded (present-exceeds-membership); the record can still come to show it
    // later (a departure recorded afterwards), or hold it from before the rule.
    if (m.present_count !== null && m.present_count > high) {
      drafts.push({
        ...base, rule: 'present-exceeds-membership', severity: 'error',
        figures: { present: m.present_count, membership: low, membershipUncertain: membership.uncertain, on: m.date_edtf },
        message: `${label}: ${m.present_count} present, but the record has ${membership.uncertain ? `at most ${high}` : low} members in office on ${m.date_edtf}`,
      });
    }
    if (m.chair_name !== null) {
      const chair = m.chair_member_id === null ? undefined : byId.get(m.chair_member_id);
      if (!chair) {
        drafts.push({ ...base, rule: 'chair-not-a-member', severity: 'error', figures: { name: m.chair_name }, message: `${label}: chair ${m.chair_name} is not a member of the council` });
      } else {
        personInOffice(drafts, base, chair, span, 'chair', label);
      }
    }
    for (const a of attendance.get(m.meeting_id) ?? []) {
      const member = a.member_id === null ? undefined : byId.get(a.member_id);
      if (!member) drafts.push({ ...base, rule: 'participant-not-a-member', severity: 'error', figures: { name: a.name }, message: `${label}: participant ${a.name} is not a member of the council` });
      else personInOffice(drafts, base, member, span, 'participant', label);
    }
    if (m.outcome === 'not-assembled') continue; // no attendance and no quorum to judge: nobody counted who came
    const rule = quorum.rule;
    const present = m.present_count;
    const judged = present === null ? 'undecidable' : judgeQuorum(present, quorum);
    const quorumFigs = { present, rule, required: quorum.required, requiredIfAllUncertainIn: quorum.requiredIfAllUncertainIn, membership: { certain: low, uncertain: membership.uncertain }, outcome: m.outcome, outcomeBasis: m.outcome_basis, reportedOutcome: m.reported_outcome };
    if (present === null || judged === 'undecidable' || m.quorum_certain === 0) {
      drafts.push({
        ...base, rule: 'quorum-undecided', severity: 'info', figures: quorumFigs,
        message: present === null
          ? `${label}: attendance is unknown; the outcome (${m.outcome}) is as the source reports it`
          : `${label}: ${present} present against a quorum of ${quorum.required}–${quorum.requiredIfAllUncertainIn}; the undecidable members could tip it either way (recorded as ${m.outcome})`,
      });
    } else if (judged !== m.outcome) {
      drafts.push({
        ...base, rule: 'quorum-outcome-contradicts', severity: 'warning', figures: quorumFigs,
        message: `${label}: recorded as ${m.outcome}, but ${present} present against a quorum of ${quorum.required} on the record as it stands means ${judged}`,
      });
    }
    if (m.remote_count !== null && m.remote_count > 0) {
      const inPerson = (present ?? 0) - m.remote_count;
      drafts.push({
        ...base, rule: 'remote-participation-counted', severity: 'info',
        figures: { present, remote: m.remote_count, inPerson, quorumRequired: quorum.required, quorumReachedInPerson: inPerson >= quorum.required },
        message: `${label}: ${present} present counted towards the quorum, ${m.remote_count} of them remotely (${inPerson} in person; quorum ${quorum.required})`,
      });
    }
    lifetime(drafts, base, council, m.date_earliest, m.date_latest, label);
  }

  // Numbered meetings missing from the record.
  const numbers = [...new Set(meetings.map((m) => m.number).filter((n): n is number => n !== null))].sort((a, b) => a - b);
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i] - numbers[i - 1] <= 1) continue;
    const missing = Array.from({ length: numbers[i] - numbers[i - 1] - 1 }, (_, k) => numbers[i - 1] + k + 1);
    const after = meetings.find((m) => m.number === numbers[i - 1]);
    drafts.push({
      rule: 'meeting-number-missing', severity: 'info', subject: 'council', date: null, day: after?.date_latest ?? null, eventId: null,
      figures: { missing, between: [numbers[i - 1], numbers[i]] },
      message: `no meeting numbered ${missing.join(', ')} is on record (between meetings ${numbers[i - 1]} and ${numbers[i]})`,
    });
  }

  // Members: contradictory or imprecise dates.
  for (const m of members) {
    const base = { subject: `member:${m.member_id}`, eventId: m.departure_fact_id ?? m.election_fact_id };
    if (m.left_latest !== null && m.left_latest < m.elected_earliest) {
      drafts.push({
        ...base, date: m.left_edtf, day: m.left_earliest, rule: 'departure-before-election', severity: 'error',
        figures: { memberId: m.member_id, electedOn: m.elected_edtf, leftOn: m.left_edtf },
        message: `${m.name} left on ${m.left_edtf}, before being elected on ${m.elected_edtf}`,
      });
    }
    if (m.departures > 1) {
      drafts.push({ ...base, date: m.left_edtf, day: m.left_earliest, rule: 'departure-twice', severity: 'error', figures: { memberId: m.member_id, departures: m.departures }, message: `${m.name} has ${m.departures} departures on record` });
    }
    if (m.left_earliest !== null && m.left_latest !== null && m.left_latest - m.left_earliest + 1 > IMPRECISE_DEPARTURE_DAYS) {
      drafts.push({
        ...base, date: m.left_edtf, day: m.left_earliest, rule: 'departure-date-imprecise', severity: 'info',
        figures: { memberId: m.member_id, leftOn: m.left_edtf, earliest: isoDay(m.left_earliest), latest: isoDay(m.left_latest), days: m.left_latest - m.left_earliest + 1 },
        message: `${m.name} left some time in ${m.left_edtf} (${m.left_latest - m.left_earliest + 1} days): membership is undecidable within that span`,
      });
    }
  }

  // Votes by people who were not (certainly) members in office.
  for (const v of t.votes(s)) {
    const base = { subject: `motion:${v.motion_id}`, date: v.cast_edtf, day: v.cast_earliest, eventId: v.source_event_id };
    const member = v.member_id === null ? undefined : byId.get(v.member_id);
    const span = { earliest: v.cast_earliest, latest: v.cast_latest };
    if (!member) drafts.push({ ...base, rule: 'voter-not-a-member', severity: 'error', figures: { name: v.name, motionId: v.motion_id }, message: `${v.name} voted on ${v.motion_id} but is not a member of the council` });
    else personInOffice(drafts, base, member, span, 'voter', `motion ${v.motion_id}`);
  }

  // Motions: contradictory dates, failed meetings, reported outcomes, undecided motions.
  for (const mo of t.motions(s)) {
    const base = { subject: `motion:${mo.motion_id}`, date: mo.decided_edtf ?? mo.opened_edtf, day: mo.opened_earliest, eventId: mo.decided_fact_id ?? mo.tabled_fact_id };
    if (mo.decided_latest !== null && mo.decided_latest < mo.opened_earliest) {
      drafts.push({ ...base, rule: 'decided-before-opened', severity: 'error', figures: { openedOn: mo.opened_edtf, decidedOn: mo.decided_edtf }, message: `${mo.title}: decided on ${mo.decided_edtf}, before it was opened on ${mo.opened_edtf}` });
    }
    const meeting = mo.meeting_id === null ? undefined : meetingById.get(mo.meeting_id);
    if (meeting && meeting.outcome === 'quorum-failed') {
      drafts.push({ ...base, rule: 'motion-at-failed-meeting', severity: 'error', figures: { meetingId: meeting.meeting_id, date: meeting.date_edtf }, message: `${mo.title}: tabled at ${meetingLabel(meeting)}, which did not take place for lack of a quorum` });
    }
    if (mo.reported_outcome !== null && mo.outcome !== null && mo.reported_outcome !== mo.outcome) {
      drafts.push({ ...base, rule: 'reported-outcome-contradicts-tally', severity: 'warning', figures: { reportedOutcome: mo.reported_outcome, outcome: mo.outcome, tally: parseJson(mo.tally) ?? null }, message: `${mo.title}: the source says ${mo.reported_outcome}, the tally gives ${mo.outcome}` });
    }
    if (mo.outcome_certain === 0) {
      // Decision 49: recorded as the tally's reading under the lowest requirement of the day, unmarked by any report;
      // decision 52: or undecided because the source's counts leave a choice out (its count unknown).
      const tally = parseJson<Record<string, number>>(mo.tally) ?? null;
      const left = choicesNotGiven(parseJson<string[]>(mo.options) ?? undefined, tally ?? {}, (mo.tally_from ?? undefined) as 'votes' | 'reported' | 'none' | undefined);
      const why = `${mo.base_uncertain ?? 0} members undecidable on the day${left.length > 0 ? `; ${left.join(', ')} not given` : ''}`;
      drafts.push({
        ...base, rule: 'outcome-undecided', severity: 'info',
        figures: { outcome: mo.outcome, winner: mo.winner, tally, tallyFrom: mo.tally_from, required: mo.required, baseUncertain: mo.base_uncertain, ...(left.length > 0 ? { notGiven: left } : {}) },
        message: `${mo.title}: recorded as ${mo.outcome}${mo.winner === null ? '' : ` (${mo.winner})`} with ${mo.required} votes required, but neither the tally (${why}) nor the source settles it`,
      });
    }
    if (mo.outcome === null) {
      drafts.push({ ...base, rule: 'motion-undecided', severity: 'info', figures: { openedOn: mo.opened_edtf, meetingId: mo.meeting_id }, message: `${mo.title}: tabled on ${mo.opened_edtf}; no decision is on record` });
    }
  }

  // Officers.
  for (const o of t.officers(s)) {
    const base = { subject: `officer:${o.role}`, date: o.from_edtf, day: o.from_earliest, eventId: o.appointed_fact_id };
    if (o.to_latest !== null && o.to_latest < o.from_earliest) {
      drafts.push({ ...base, rule: 'term-ends-before-start', severity: 'error', figures: { role: o.role, from: o.from_edtf, to: o.to_edtf }, message: `${o.role} ${o.name}: term ends on ${o.to_edtf}, before it began on ${o.from_edtf}` });
    }
    const member = o.member_id === null ? undefined : byId.get(o.member_id);
    if (!member) {
      drafts.push({ ...base, rule: 'officer-not-a-member', severity: 'info', figures: { role: o.role, name: o.name }, message: `${o.role} ${o.name} is not a member of the council` });
    } else if (memberInOffice(member, { earliest: o.from_earliest, latest: o.from_latest }) === 'no') {
      drafts.push({ ...base, rule: 'officer-not-in-office', severity: 'error', figures: { role: o.role, memberId: member.member_id, from: o.from_edtf, leftOn: member.left_edtf }, message: `${o.role} ${o.name} was not a member in office on ${o.from_edtf}` });
    }
  }

  const entries = [...recorded];
  for (const d of drafts) {
    if (d.eventId !== null && recordedKeys.has(`${d.eventId}|${d.rule}`)) continue;
    const main = d.eventId === null ? undefined : t.source(d.eventId);
    const sources: SourceCitation[] = [];
    const seen = new Set<string>();
    for (const id of [d.eventId, ...(d.alsoCites ?? [])]) {
      const src = id === null ? undefined : t.source(id)?.source;
      if (!src) continue;
      const key = JSON.stringify(src);
      if (!seen.has(key)) sources.push(src);
      seen.add(key);
    }
    const entry: AnomalyEntry = {
      rule: d.rule, severity: d.severity, basis: 'derived', message: d.message, figures: d.figures, subject: d.subject, date: d.date,
      eventId: d.eventId, sources, recordedAt: main ? iso(main.recordedMs) : null,
    };
    entries.push(entry);
    sortDay.set(entry, d.day);
  }
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const da = sortDay.get(a.e) ?? Number.MAX_SAFE_INTEGER;
      const db = sortDay.get(b.e) ?? Number.MAX_SAFE_INTEGER;
      return da - db || SEVERITY_ORDER[a.e.severity] - SEVERITY_ORDER[b.e.severity] || a.i - b.i;
    })
    .map(({ e }) => e);
}

/**
 * The facts table's subject as the report names it (docs/analytics.md): a vote is about its motion, an
 * affiliation or a status change about its member (the facts table keys them apart: `motion-votes:`,
 * `member-affiliations:`, `member-status:`). Found by the reads property: a vote recorded with
 * `recordAnomaly` was reported about `motion-votes:<id>`.
 */
function anomalySubject(subject: string): string {
  const colon = subject.indexOf(':');
  const kind = subject.slice(0, colon);
  const rest = subject.slice(colon + 1);
  if (kind === 'motion-votes') return `motion:${rest}`;
  if (kind === 'member-affiliations' || kind === 'member-status') return `member:${rest}`;
  return subject;
}

function meetingLabel(m: MeetingRow): string {
  const kind = m.outcome === 'quorum-failed' ? 'meeting (quorum failed)' : m.kind === 'extraordinary' ? 'extraordinary meeting' : 'meeting';
  return m.number !== null ? `${kind} ${m.number} of ${m.date_edtf}` : `${kind} of ${m.date_edtf}`;
}

function personInOffice(
  drafts: Draft[],
  base: Pick<Draft, 'subject' | 'date' | 'day' | 'eventId'>,
  member: MemberRow,
  span: { earliest: number; latest: number },
  role: 'chair' | 'participant' | 'voter',
  label: string,
): void {
  const answer = memberInOffice(member, span);
  if (answer === 'yes') return;
  const figures = { memberId: member.member_id, name: member.name, on: base.date, electedOn: member.elected_edtf, leftOn: member.left_edtf };
  if (answer === 'no') {
    drafts.push({ ...base, rule: `${role}-not-in-office`, severity: 'error', figures, message: `${label}: ${role} ${member.name} was not a member in office on ${base.date}` });
  } else {
    drafts.push({
      ...base, rule: `${role}-possibly-not-in-office`, severity: 'info', figures,
      message: `${label}: ${role} ${member.name} may not have been in office on ${base.date} (elected ${member.elected_edtf}${member.left_edtf ? `, left ${member.left_edtf}` : ''})`,
    });
  }
}

function lifetime(
  drafts: Draft[],
  base: Pick<Draft, 'subject' | 'date' | 'day' | 'eventId'>,
  council: { founded_edtf: string | null; founded_earliest: number | null; dissolved_edtf: string | null; dissolved_latest: number | null },
  earliest: number,
  latest: number,
  label: string,
): void {
  if (council.founded_earliest !== null && latest < council.founded_earliest) {
    drafts.push({ ...base, rule: 'before-founding', severity: 'error', figures: { date: base.date, foundedOn: council.founded_edtf }, message: `${label}: dated before the council was founded (${council.founded_edtf})` });
  }
  if (council.dissolved_latest !== null && earliest > council.dissolved_latest) {
    drafts.push({ ...base, rule: 'after-dissolution', severity: 'error', figures: { date: base.date, dissolvedOn: council.dissolved_edtf }, message: `${label}: dated after the council was dissolved (${council.dissolved_edtf})` });
  }
}
