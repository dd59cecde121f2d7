import { fromDay, toDay } from '../../council/domain/valid-date';
import { ImportPlan } from '../model';
import { planDocument } from '../popolo/popolo-plan';
import { Located, PopoloDocument, sessionKey } from '../popolo/popolo-reader';
import { ImportReport } from '../report';
import { COUNCIL_RULES, MotionRule, parseRule, ruleOfRequirement, ruleText } from '../rules';
import { PackageVote, RollCallPackage, VoteEventRow, readPackage } from './package-reader';

type Obj = Record<string, unknown>;

export interface CsvOptions {
  council?: string;
  /** --seats N: the assembly's seats, instead of the most members in office at once. */
  seats?: number;
  /** --rule: the decision rule, instead of a per-vote requirement or the assumed default. */
  rule?: string;
  strict?: boolean;
  report?: ImportReport;
}

const nextDay = (day: string) => fromDay(toDay(day) + 1);
/** The days between two divisions as EDTF: one day stays a day, marked uncertain; more is an interval. */
const between = (afterDay: string, byDay: string) => (nextDay(afterDay) === byDay ? `${byDay}?` : `${nextDay(afterDay)}/${byDay}`);

export interface Tenure {
  electedOn: string;
  leftOn?: string;
  note: string;
}

/**
 * Inference `tenure-from-roll-calls`: a member was in office from the first to the last division that
 * lists them (with any option, absent included; the packages list every member at every division held
 * while in office). Elected between the division before their first and their first; left between
 * their last and the next one. Listed at the first division: elected on or before it (the term's start);
 * at the last: still in office at the end of the package.
 */
export function inferTenure(pkg: RollCallPackage, report: ImportReport): Map<string, Tenure> {
  const index = new Map(pkg.days.map((d, i) => [d, i]));
  const out = new Map<string, Tenure>();
  for (const [voterId, { first, last }] of pkg.listed) {
    const i = index.get(first.date)!;
    const j = index.get(last.date)!;
    const electedOn = i === 0 ? `${first.date}?` : between(pkg.days[i - 1], first.date);
    const leftOn = j === pkg.days.length - 1 ? undefined : between(last.date, pkg.days[j + 1]);
    const note =
      `tenure inferred from the roll calls: first listed in vote event ${first.id} (${first.date})` +
      (i === 0 ? ', the package\'s first division' : `, not in the one before (${pkg.days[i - 1]})`) +
      `; last listed in vote event ${last.id} (${last.date})` +
      (leftOn === undefined ? ', the package\'s last division' : `, not in the next (${pkg.days[j + 1]})`);
    out.set(voterId, { electedOn, leftOn, note });
    const voter = pkg.voters.get(voterId)!;
    report.infer('tenure-from-roll-calls', `member ${voterId} (${voter.name})`, `electedOn ${electedOn}${leftOn ? `, leftOn ${leftOn}` : ''}`, `first listed ${first.date} (vote event ${first.id}), last listed ${last.date} (vote event ${last.id})`);
  }
  for (const voter of pkg.voters.values()) {
    if (!pkg.listed.has(voter.id)) report.skips.push({ file: pkg.files.voters, record: `row at line ${voter.line} (id ${JSON.stringify(voter.id)})`, reason: 'listed in no division: no tenure can be inferred' });
  }
  return out;
}

/** Inference `seats-most-in-office`: the most members in office at once over the divisions, unless --seats. */
export function inferSeats(pkg: RollCallPackage, report: ImportReport, council: string, stated?: number): { seats: number; note?: string } {
  if (stated !== undefined) return { seats: stated };
  const deltas = new Map<string, number>();
  for (const { first, last } of pkg.listed.values()) {
    deltas.set(first.date, (deltas.get(first.date) ?? 0) + 1);
    const after = pkg.days[pkg.days.indexOf(last.date) + 1];
    if (after !== undefined) deltas.set(after, (deltas.get(after) ?? 0) - 1);
  }
  let now = 0;
  let most = 0;
  let on = pkg.days[0];
  for (const d of pkg.days) {
    now += deltas.get(d) ?? 0;
    if (now > most) [most, on] = [now, d];
  }
  const seats = Math.max(most, 1);
  const note = `seats: not in the package; inferred as the most members in office at once (${seats}, on ${on}, by the roll calls) — give --seats to state them`;
  report.infer('seats-most-in-office', `council ${council}`, `seats ${seats}`, `${pkg.listed.size} persons listed over ${pkg.days.length} division days; ${seats} in office on ${on}`);
  return { seats, note };
}

export interface GroupRun {
  groupId: string;
  from: string;
  to?: string;
  note?: string;
}

/**
 * Inference `groups-from-votes`: the member's group at each division (group_id on the vote); each change
 * ends one affiliation and starts the next between the last division in the old group and the first in
 * the new. Without group_id, the voters.csv group (party, candidate list) holds for the whole tenure.
 */
export function inferGroups(pkg: RollCallPackage, tenure: Map<string, Tenure>, report: ImportReport): Map<string, GroupRun[]> {
  const out = new Map<string, GroupRun[]>();
  for (const [voterId, t] of tenure) {
    const byDay = pkg.groupOnDay.get(voterId);
    const voter = pkg.voters.get(voterId)!;
    if (!byDay || byDay.size === 0) {
      if (voter.group !== undefined) out.set(voterId, [{ groupId: `party:${voter.group}`, from: t.electedOn }]);
      continue;
    }
    const days = [...byDay.keys()].sort();
    const runs: GroupRun[] = [];
    let lastDay = days[0];
    for (const d of days) {
      const g = byDay.get(d)!;
      const run = runs[runs.length - 1];
      if (run === undefined) runs.push({ groupId: g, from: t.electedOn });
      else if (run.groupId !== g) {
        const change = between(lastDay, d);
        run.to = change;
        runs.push({ groupId: g, from: change, note: `group change inferred from the roll calls: ${run.groupId} at the division of ${lastDay}, ${g} at that of ${d}` });
        report.infer('groups-from-votes', `member ${voterId} (${voter.name})`, `affiliation ${g} from ${change}`, `group_id ${run.groupId} on ${lastDay}, ${g} on ${d}`);
      }
      lastDay = d;
    }
    out.set(voterId, runs);
  }
  return out;
}

/**
 * Inference `decision-rule`: --rule when given; else each vote's requirement mapped to a rule (the motion
 * carries it; the council's rule is the one most requirements map to); else the API's default, assumed.
 */
export function inferRules(pkg: RollCallPackage, options: CsvOptions, seats: number, council: string, report: ImportReport): { council?: MotionRule; perVote: Map<string, { rule: MotionRule; note: string }> } {
  const perVote = new Map<string, { rule: MotionRule; note: string }>();
  if (options.rule !== undefined) {
    const rule = parseRule(options.rule)!;
    const councilRule = (COUNCIL_RULES as readonly string[]).includes(rule as string) ? rule : undefined;
    if (!councilRule) for (const id of pkg.voteEvents.keys()) perVote.set(id, { rule, note: `rule: ${ruleText(rule)}, as --rule says` });
    report.notes.push(`decision rule: ${ruleText(rule)} (--rule)`);
    return { council: councilRule, perVote };
  }
  const byText = new Map<string, number>();
  for (const ve of pkg.voteEvents.values()) if (ve.requirement) byText.set(ve.requirement, (byText.get(ve.requirement) ?? 0) + 1);
  const tally = new Map<string, number>();
  for (const [text, n] of byText) {
    const mapped = ruleOfRequirement(text, seats);
    if (!mapped) {
      report.infer('decision-rule', `${n} vote events`, 'the council\'s rule', `requirement ${JSON.stringify(text)} names no rule this importer knows`);
      continue;
    }
    report.infer('decision-rule', `${n} vote events`, `rule ${ruleText(mapped.rule)}`, `requirement ${JSON.stringify(text)}: ${mapped.how}`);
    if (typeof mapped.rule === 'string' && (COUNCIL_RULES as readonly string[]).includes(mapped.rule)) tally.set(mapped.rule, (tally.get(mapped.rule) ?? 0) + n);
  }
  for (const ve of pkg.voteEvents.values()) {
    const mapped = ve.requirement ? ruleOfRequirement(ve.requirement, seats) : undefined;
    if (mapped) perVote.set(ve.id, { rule: mapped.rule, note: `rule inferred from the requirement ${JSON.stringify(ve.requirement)}: ${mapped.how}` });
  }
  const common = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as MotionRule | undefined;
  if (common !== undefined) {
    report.infer('decision-rule', `council ${council}`, `decision ${ruleText(common)}`, `the rule most vote events' requirement maps to (${tally.get(common as string)} of ${pkg.voteEvents.size})`);
    return { council: common, perVote };
  }
  report.infer('decision-rule', `council ${council}`, 'decision majority-of-members (assumed)', 'no --rule and no requirement in the package: the API\'s default rule is assumed');
  return { perVote };
}

/**
 * Plans a roll-call package: read into the neutral model (one reader for every dialect, driven by
 * datapackage.json and the column aliases), the named inference steps taken (tenure, seats, groups over
 * time, decision rule; each fact so inferred carries a note and is listed in the report), then handed to
 * the one planner as a Popolo document. The votes are streamed from votes.csv when written.
 */
export async function planCsv(folder: string, options: CsvOptions = {}): Promise<ImportPlan> {
  const report = options.report ?? new ImportReport(folder, options.strict === true);
  const pkg = await readPackage(folder, report);
  const council = options.council ?? slugOr(pkg.name);
  const legislatureId = pkg.name;
  const firstDay = pkg.days[0];
  const tenure = inferTenure(pkg, report);
  const { seats, note: seatsNote } = inferSeats(pkg, report, council, options.seats);
  const groups = inferGroups(pkg, tenure, report);
  const rules = inferRules(pkg, options, seats, council, report);
  if (firstDay !== undefined) report.infer('founding-from-first-division', `council ${council}`, `foundedOn ${firstDay}`, 'the package\'s first division (the term began on or before it)');

  const doc: PopoloDocument = {
    files: [pkg.files.votes], persons: [], organizations: [], memberships: [], events: [], motions: [], voteEvents: [], attendance: new Map(), voteEventsPerMotion: new Map(),
  };
  const at = (file: string, collection: string, index: number, value: Obj): Located => ({ file, collection, index, value });
  doc.organizations.push(at(pkg.files.voters, 'package', 0, {
    id: legislatureId, name: pkg.name, classification: 'legislature', founding_date: firstDay, seats, decision_rule: rules.council,
    _note: [firstDay ? `foundedOn: the package's first division (${firstDay}); the term began on or before it` : undefined, seatsNote].filter(Boolean).join('\n'),
  }));
  const usedGroups = new Set([...groups.values()].flatMap((runs) => runs.map((r) => r.groupId)));
  for (const groupId of usedGroups) {
    const listName = groupId.startsWith('party:') ? groupId.slice('party:'.length) : undefined;
    const g = listName === undefined ? pkg.groups.get(groupId) : undefined;
    if (listName === undefined && !g && pkg.files.groups) report.notes.push(`group_id ${JSON.stringify(groupId)} is not in groups.csv: its id is its name`);
    doc.organizations.push(at(pkg.files.groups ?? pkg.files.voters, 'groups', g?.line ?? 0, {
      id: groupId, name: listName ?? g?.name ?? groupId, classification: 'party', identifiers: listName === undefined ? [{ scheme: 'group', identifier: groupId }] : undefined,
    }));
  }
  for (const [voterId, t] of tenure) {
    const voter = pkg.voters.get(voterId)!;
    doc.persons.push(at(pkg.files.voters, 'voters', voter.line, { id: voterId, name: voter.name }));
    const runs = groups.get(voterId) ?? [{ groupId: '', from: t.electedOn }];
    runs.forEach((run, k) => {
      doc.memberships.push(at(pkg.files.voters, 'voters', voter.line, {
        person_id: voterId, organization_id: legislatureId, role: 'member', on_behalf_of_id: run.groupId || undefined, start_date: run.from, end_date: run.to ?? t.leftOn,
        area: voter.constituency ? { name: voter.constituency } : undefined,
        _member_note: k === 0 ? t.note : undefined,
        _departure_note: run.to === undefined && t.leftOn ? t.note : undefined,
        _affiliation_note: run.note,
      }));
    });
  }
  const sittingOf = sittingIds(pkg);
  for (const ve of pkg.voteEvents.values()) {
    doc.voteEvents.push({ file: pkg.files.voteEvents, index: ve.line, id: ve.id, date: ve.date, sessionId: sittingOf.get(ve.date), votes: pkg.votesPer.get(ve.id) ?? 0 });
  }
  // Who took part in a day's divisions were present; when they are fewer than a quorum of the members in
  // office (Chile lists no absentees), who else was there the package does not say: no present list then.
  const latest = (edtf: string) => edtf.replace('?', '').split('/').pop()!;
  const earliest = (edtf: string) => edtf.replace('?', '').split('/')[0];
  const inOffice = (day: string) => [...tenure.values()].filter((t) => latest(t.electedOn) <= day && (t.leftOn === undefined || earliest(t.leftOn) > day)).length;
  const short: string[] = [];
  for (const [day, sitting] of pkg.attendance) {
    if (sitting.present.size * 2 <= inOffice(day)) short.push(`${day} (${sitting.present.size} of ${inOffice(day)})`);
    else doc.attendance.set(sessionKey(sittingOf.get(day), day), sitting);
  }
  if (short.length > 0) {
    report.notes.push(`${short.length} sittings: those who took part in the divisions are no quorum of the members in office, yet the divisions were held; who else was present the package does not say, so no present list is recorded for them: ${short.slice(0, 10).join(', ')}${short.length > 10 ? ', …' : ''}`);
  }
  if (!pkg.grouped) report.notes.push('votes.csv is not grouped by vote_event_id: its votes were gathered per vote event in memory (sort it by vote_event_id to stream it)');

  const plan = planDocument(doc, async (visit) => {
    await pkg.streamVotes(async (id, votes) => {
      const ve = pkg.voteEvents.get(id)!;
      await visit(at(pkg.files.voteEvents, 'vote_events', ve.line, voteEventValue(ve, votes, atThisVote(rules.perVote.get(id), votes))));
    });
  }, { council, report });
  return plan;
}

const ABSENT = /^(absent|excused|paired)$/i;

/**
 * "A majority of those present" means present at that vote: the API's majority-of-present counts the
 * sitting's present list (everyone who took part in any vote of the day), so the rule is given as the
 * figure it requires at this vote: more than half of those listed with an option other than absent.
 */
function atThisVote(mapped: { rule: MotionRule; note: string } | undefined, votes: PackageVote[]): { rule: MotionRule; note: string } | undefined {
  if (mapped?.rule !== 'majority-of-present') return mapped;
  const present = votes.filter((v) => !ABSENT.test(v.option.trim())).length;
  if (present === 0) return mapped;
  return { rule: { atLeast: Math.floor(present / 2) + 1 }, note: `${mapped.note}: more than half of the ${present} present at this vote (listed with an option other than absent or paired)` };
}

/**
 * A sitting is a day of divisions (publishers' "sessions" often span days: Chile's and Brazil's are
 * legislative sessions). The day's sitting takes the session's id only when the two coincide: every vote
 * of the day in one session, held on no other day.
 */
function sittingIds(pkg: RollCallPackage): Map<string, string> {
  const sessionsOn = new Map<string, Set<string | undefined>>();
  const daysOf = new Map<string, Set<string>>();
  for (const ve of pkg.voteEvents.values()) {
    sessionsOn.set(ve.date, (sessionsOn.get(ve.date) ?? new Set()).add(ve.session));
    if (ve.session !== undefined) daysOf.set(ve.session, (daysOf.get(ve.session) ?? new Set()).add(ve.date));
  }
  const out = new Map<string, string>();
  for (const [day, sessions] of sessionsOn) {
    const [only] = sessions;
    if (sessions.size === 1 && only !== undefined && daysOf.get(only)!.size === 1) out.set(day, only);
  }
  return out;
}

function voteEventValue(ve: VoteEventRow, votes: PackageVote[], rule: { rule: MotionRule; note: string } | undefined): Obj {
  const motionNote = [ve.text && ve.text !== ve.title ? ve.text : undefined, ve.session ? `legislative session ${ve.session}` : undefined, ve.requirement ? `requirement: ${ve.requirement}` : undefined, rule?.note]
    .filter(Boolean).join('\n');
  return {
    id: ve.id, start_date: ve.date, result: ve.result, counts: ve.counts.length > 0 ? ve.counts : undefined, motion: { text: ve.title ?? ve.text ?? `Vote ${ve.id}` }, votes,
    _rule: rule?.rule, _motion_note: motionNote || undefined,
  };
}

const slugOr = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'roll-call';
