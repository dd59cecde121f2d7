import { basename } from 'node:path';
import { fromDay, parseValidDate, toDay } from '../../council/domain/valid-date';
import { statSync } from 'node:fs';
import { InputError } from '../input-error';
import { BatchItem, IdMap, ImportPlan, PlannedCouncil, toSlug, voteOption } from '../model';
import { ImportReport } from '../report';
import { Located, PopoloDocument, dateOf, readPopolo, sessionKey, str, streamVoteEvents, where } from './popolo-reader';

type Obj = Record<string, unknown>;

const LEGISLATURE = /^(legislature|council|chamber|parliament|assembly|house|lower house|upper house|senate|congress)$/i;
const PERIOD = /legislative[ _-]?period|^term$/i;
const ELECTION = /election/i;
const KINDS = ['statement', 'resolution', 'appointment', 'procedural'];
const MEMBER_ROLES = /^(member|mp|deputy|representative|senator|councillor|councilor|)$/i;
const REASONS = ['resigned', 'expelled', 'died', 'imprisoned', 'other'];

interface Context {
  councilId: string;
  /** Why the founding date is what it is, when the source does not state it. */
  foundingNote?: string;
  legislature: Located;
  period?: Located;
  start?: number;
  end?: number;
  founding: Obj;
  /** Person id → member id in this council. */
  members: Map<string, string>;
  meetings: Map<string, string>;
  items: BatchItem[];
  /** Its elections (recorded before its other facts). */
  elections: BatchItem[];
  closing: BatchItem[];
  voteEvents: number;
  votes: number;
  dissolvedOn?: string;
}

const early = (edtf: string) => parseValidDate(edtf).earliestDay;
const late = (edtf: string) => parseValidDate(edtf).latestDay;
const source = (r: Located) => ({ title: basename(r.file), locator: where(r) });
const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Plans the import of a Popolo document: one council per legislature and legislative period, and in each,
 * in this order, its groups, members (each election followed by its departure, in date order), affiliations,
 * officers, sittings (→ meetings) and motions without vote events; then, streamed, each vote event as a
 * motion and its roll call; last, the dissolution. Every item cites its place in the file as its source.
 */
export async function planPopolo(input: string, options: PlanOptions = {}): Promise<ImportPlan> {
  const report = options.report ?? new ImportReport(input, options.strict === true);
  report.dialect ??= 'Popolo JSON';
  const doc = await readPopolo(input, report);
  return planDocument(doc, (visit) => streamVoteEvents(doc.files, visit), { ...options, report });
}

/** A vote event stream: each vote event whole, as a Popolo vote event, with where it was read. */
export type VoteEventStream = (visit: (record: Located) => Promise<void>) => Promise<void>;

export interface PlanOptions {
  council?: string;
  report?: ImportReport;
  /** Refuse the whole input at the first unusable record (the old behaviour). */
  strict?: boolean;
  /** A file without dates: its councils and members are "in office as of" this day (YYYY-MM-DD). */
  asOf?: string;
}

/** Plans from a document read in a first pass; the vote events are streamed again when written. */
export function planDocument(doc: PopoloDocument, stream: VoteEventStream, options: PlanOptions = {}): ImportPlan {
  const report = options.report ?? new ImportReport(doc.files[0] ?? '');
  const notes: string[] = [];
  const persons = new Map(doc.persons.map((p) => [String(p.value.id), p]));
  const areas = new Map((doc.areas ?? []).map((a) => [String(a.value.id), a]));
  const areaOf = (m: Located) => areaOfWith(areas, m);
  const events = new Map(doc.events.map((e) => [String(e.value.id), e]));
  const classOf = (o: Located | undefined) => String(o?.value.classification ?? '');

  let legislatures = doc.organizations.filter((o) => LEGISLATURE.test(classOf(o)));
  if (legislatures.length === 0) {
    const memberOf = new Set(doc.memberships.filter((m) => m.value.on_behalf_of_id !== undefined || MEMBER_ROLES.test(String(m.value.role ?? ''))).map((m) => String(m.value.organization_id)));
    const onBehalf = new Set(doc.memberships.map((m) => String(m.value.on_behalf_of_id)));
    legislatures = doc.organizations.filter((o) => memberOf.has(String(o.value.id)) && !onBehalf.has(String(o.value.id)) && classOf(o) !== 'curia');
  }
  if (legislatures.length === 0) {
    throw new InputError(doc.files[0], 'organizations', 'no legislature: no organization is classified legislature, council, chamber or parliament, and none has members');
  }
  const legislatureIds = new Set(legislatures.map((l) => String(l.value.id)));
  const curiaOrgs = new Map(doc.organizations.filter((o) => classOf(o) === 'curia').map((o) => [String(o.value.id), o]));
  const groupOrgs = new Map(doc.organizations.filter((o) => !legislatureIds.has(String(o.value.id)) && classOf(o) !== 'curia').map((o) => [String(o.value.id), o]));

  // Councils: one per legislature and legislative period.
  const contexts: Context[] = [];
  for (const legislature of legislatures) {
    const lid = String(legislature.value.id);
    const periodIds = [...new Set(doc.memberships.filter((m) => String(m.value.organization_id) === lid).map((m) => str(m.value.legislative_period_id)))];
    const periods = periodIds.filter((p): p is string => p !== undefined);
    for (const periodId of periods.length > 0 ? periods : [undefined]) {
      const period = periodId !== undefined ? events.get(periodId) : undefined;
      contexts.push({
        councilId: '', legislature, period, founding: {}, members: new Map(), meetings: new Map(), items: [], elections: [], closing: [], voteEvents: 0, votes: 0,
        ...(periodId !== undefined && !period ? { period: { file: legislature.file, collection: 'events', index: -1, value: { id: periodId } } } : {}),
      });
    }
  }
  for (const c of contexts) {
    const suffix = c.period ? toSlug(String(c.period.value.id), 'period') : undefined;
    c.councilId = options.council !== undefined
      ? contexts.length === 1 ? options.council : `${options.council}-${suffix ?? toSlug(String(c.legislature.value.id), 'legislature')}`.slice(0, 100)
      : suffix && contexts.length > 1 ? `${toSlug(String(c.legislature.value.id), 'legislature')}-${suffix}`.slice(0, 100) : toSlug(String(c.legislature.value.id), 'legislature');
  }

  // A file that gives no founding date: the councils are "in office as of" a day (--as-of, the file's own
  // date, the latest date in it, or the file's modification day, in that order), each fact so dated inferred.
  let asOf: { day: string; how: string } | undefined;
  const asOfDay = () => (asOf ??= dateAsOf(doc, options.asOf));
  const inferFounding = (c: Context, memberships: Located[], starts: string[]): string => {
    const ends = memberships.map((m) => dateOf(m, 'end_date')).filter((d): d is string => d !== undefined).map(early);
    const { day, how } = asOfDay();
    // Before every membership that ends or starts in the file: the council sat before them.
    const bounds = [toDay(day), ...ends.map((d) => d - 1), ...starts.map(early)];
    const founded = `${fromDay(Math.min(...bounds))}?`;
    c.foundingNote = `foundedOn: not in the source; inferred: in office as of ${founded.slice(0, 10)} (${how}${Math.min(...bounds) < toDay(day) ? '; before its memberships\' first dates' : ''})`;
    report.infer('dated-as-of', `council ${c.councilId}`, `foundedOn ${founded}`, how);
    return founded;
  };
  const mostAtOnce = (memberships: Located[], foundedOn: string): { most: number; on: string } => {
    const spans = new Map<string, { from: number; to: number }>();
    for (const m of memberships) {
      const from = dateOf(m, 'start_date');
      const to = dateOf(m, 'end_date');
      const span = spans.get(String(m.value.person_id)) ?? { from: Infinity, to: -Infinity };
      span.from = Math.min(span.from, from !== undefined ? early(from) : early(foundedOn));
      span.to = Math.max(span.to, to !== undefined ? early(to) : Infinity);
      spans.set(String(m.value.person_id), span);
    }
    let most = 0;
    let on = early(foundedOn);
    for (const day of new Set([...spans.values()].map((x) => x.from))) {
      const n = [...spans.values()].filter((x) => x.from <= day && day < x.to).length;
      if (n > most) [most, on] = [n, day];
    }
    return { most, on: fromDay(on) };
  };

  const inPeriod = (c: Context, m: Located) =>
    String(m.value.organization_id) === String(c.legislature.value.id) &&
    (c.period === undefined || str(m.value.legislative_period_id) === String(c.period.value.id));

  // Founding facts of each council.
  for (const c of contexts) {
    const l = c.legislature.value;
    const memberships = doc.memberships.filter((m) => inPeriod(c, m) && MEMBER_ROLES.test(String(m.value.role ?? '')));
    const periodStart = c.period && c.period.index >= 0 ? dateOf(c.period, 'start_date') : undefined;
    const periodEnd = c.period && c.period.index >= 0 ? dateOf(c.period, 'end_date') : undefined;
    const starts = memberships.map((m) => dateOf(m, 'start_date')).filter((d): d is string => d !== undefined).sort((a, b) => early(a) - early(b));
    const stated = periodStart ?? dateOf(c.legislature, 'founding_date') ?? (starts.length === memberships.length ? starts[0] : undefined);
    const foundedOn = stated ?? inferFounding(c, memberships, starts);
    const seatsAtOnce = mostAtOnce(memberships, foundedOn);
    const curiae = [...curiaOrgs.values()].filter((o) => str(o.value.parent_id) === String(l.id)).map((o) => compact({
      key: curiaKey(o), name: String(o.value.name ?? curiaKey(o)), seats: typeof o.value.seats === 'number' ? o.value.seats : undefined,
    }));
    const statedSeats = typeof l.seats === 'number' ? l.seats : undefined;
    const seats = statedSeats ?? Math.max(seatsAtOnce.most, 1);
    if (statedSeats === undefined) report.infer('seats-from-memberships', `council ${c.councilId}`, `seats ${seats}`, `the most members in office at once by the memberships' dates (on ${seatsAtOnce.on})`);
    const rules = compact({ quorum: l.quorum_rule ?? undefined, decision: l.decision_rule ?? undefined });
    c.founding = compact({
      councilId: c.councilId,
      name: c.period && c.period.index >= 0 && c.period.value.name ? `${String(l.name ?? l.id)} — ${String(c.period.value.name)}` : String(l.name ?? l.id),
      foundedOn,
      seats,
      curiae: curiae.length > 0 && curiae.every((k) => typeof k.seats === 'number') ? curiae : undefined,
      rules: Object.keys(rules).length > 0 ? rules : undefined,
      note: [
        str(l._note), c.foundingNote,
        statedSeats === undefined && l._note === undefined ? `seats: not in the source; inferred as the most members in office at once by the memberships${c.period ? ' of the period' : ''} (${seats}, on ${seatsAtOnce.on})` : undefined,
      ].filter(Boolean).join('\n') || undefined,
      source: source(c.legislature),
    });
    c.start = early(foundedOn);
    c.dissolvedOn = periodEnd ?? dateOf(c.legislature, 'dissolution_date');
    c.end = c.dissolvedOn !== undefined ? late(c.dissolvedOn) : undefined;
  }

  const contextFor = (record: Located, hints: { periodId?: string; organizationId?: string; sessionId?: string; date?: string }): Context => {
    let candidates = contexts;
    const narrow = (test: (c: Context) => boolean) => {
      const found = candidates.filter(test);
      if (found.length > 0) candidates = found;
    };
    const session = hints.sessionId !== undefined ? events.get(hints.sessionId) : undefined;
    const periodId = hints.periodId ?? str(session?.value.legislative_period_id) ?? str(session?.value.parent_id);
    const organizationId = hints.organizationId ?? str(session?.value.organization_id);
    if (periodId !== undefined) narrow((c) => c.period !== undefined && String(c.period.value.id) === periodId);
    if (organizationId !== undefined) narrow((c) => String(c.legislature.value.id) === organizationId);
    if (candidates.length > 1 && hints.date !== undefined) {
      const d = parseValidDate(hints.date);
      narrow((c) => (c.start === undefined || d.latestDay >= c.start) && (c.end === undefined || d.earliestDay <= c.end));
    }
    if (candidates.length !== 1) throw new InputError(record.file, where(record), 'cannot tell which legislature or legislative period it belongs to (give legislative_period_id or organization_id)');
    return candidates[0];
  };

  /** The council a record belongs to; undefined (skipped with the reason) when none can be told. */
  const placed = (record: Located, hints: Parameters<typeof contextFor>[1]): Context | undefined => {
    try {
      return contextFor(record, hints);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      report.skip(record.file, where(record), e.problem);
      return undefined;
    }
  };

  /**
   * An election event (classified "general election", "election", …) is an election of the council whose
   * legislative period it opens (the last election before the period starts, within two years) or falls
   * in — never a meeting. With no such council it is skipped with the reason.
   */
  const electionDays = doc.events.filter((e) => ELECTION.test(String(e.value.classification ?? ''))).map((e) => dateOf(e, 'start_date')).filter((d): d is string => d !== undefined).map(early);
  const planElection = (e: Located) => {
    const heldOn = dateOf(e, 'start_date');
    if (heldOn === undefined) return report.skip(e.file, where(e), 'an election needs a start_date');
    const d = early(heldOn);
    const org = str(e.value.organization_id);
    const candidates = contexts.filter((c) => org === undefined || String(c.legislature.value.id) === org);
    const opens = candidates.filter((c) => c.start !== undefined && d <= c.start && c.start - d <= 731 && !electionDays.some((x) => x > d && x <= c.start!));
    const fallsIn = candidates.filter((c) => c.start !== undefined && c.start <= d && (c.end === undefined || d <= c.end));
    const c = opens.length === 1 ? opens[0] : opens.length === 0 && fallsIn.length === 1 ? fallsIn[0] : undefined;
    if (c === undefined) {
      report.skips.push({
        file: e.file, record: where(e),
        reason: opens.length + fallsIn.length > 1 ? 'an election that opens or falls in several councils\' periods: cannot tell which' : 'an election no council\'s legislative period opens with or contains: no council to record it in',
      });
      return;
    }
    const how = opens.includes(c) ? `it is the last election before the period starts (${fromDay(c.start!)})` : `it falls within the period (from ${fromDay(c.start!)})`;
    report.infer('election-council', `election ${String(e.value.id)} (${heldOn})`, `council ${c.councilId}`, how);
    const identifiers = ((e.value.identifiers as Obj[] | undefined) ?? []).map((i) => `${String(i?.scheme ?? 'id')}: ${String(i?.identifier ?? '')}`);
    c.elections.push({
      path: '/elections',
      label: where(e),
      body: compact({
        electionId: toSlug(String(e.value.id), 'election'), heldOn,
        note: [str(e.value.name), `council: inferred (${how})`, identifiers.length > 0 ? `identifiers: ${identifiers.join('; ')}` : undefined].filter(Boolean).join('\n'),
        source: source(e),
      }),
    });
  };

  // Groups: every party-like organization, in each council that has members sitting for it.
  const groupIds = new IdMap('group');
  for (const [id, o] of groupOrgs) groupIds.add(groupKey(o) ?? id);
  const groupIdOf = (orgId: string) => groupIds.get(groupKey(groupOrgs.get(orgId)!) ?? orgId)!;

  for (const c of contexts) {
    const memberIds = new IdMap('member');
    const memberships = doc.memberships.filter((m) => inPeriod(c, m));
    const byPerson = new Map<string, Located[]>();
    for (const m of memberships) {
      if (!MEMBER_ROLES.test(String(m.value.role ?? ''))) continue;
      const ends = dateOf(m, 'end_date');
      if (ends !== undefined && c.start !== undefined && dateOf(m, 'start_date') === undefined && late(ends) < c.start) {
        report.skips.push({ file: m.file, record: where(m), reason: 'a membership that ends before its legislative period starts, with no start: elected but never sat (no member to record)' });
        continue;
      }
      const list = byPerson.get(String(m.value.person_id)) ?? [];
      list.push(m);
      byPerson.set(String(m.value.person_id), list);
    }
    const usedGroups = new Set<string>();
    for (const list of byPerson.values()) for (const m of list) if (groupOrgs.has(String(m.value.on_behalf_of_id))) usedGroups.add(String(m.value.on_behalf_of_id));
    const partyMemberships = doc.memberships.filter((m) => groupOrgs.has(String(m.value.organization_id)) && byPerson.has(String(m.value.person_id)));
    for (const m of partyMemberships) usedGroups.add(String(m.value.organization_id));
    // With one council every group of the file is its own; with several, each gets the groups its members sat for.
    for (const orgId of [...groupOrgs.keys()].filter((g) => contexts.length === 1 || usedGroups.has(g))) {
      const o = groupOrgs.get(orgId)!;
      c.items.push({
        path: '/groups',
        label: where(o),
        body: compact({ groupId: groupIdOf(orgId), name: String(o.value.name ?? orgId), classification: str(o.value.classification), foundedOn: dateOf(o, 'founding_date'), source: source(o) }),
      });
    }

    // Members in the order they took office; each departure right after its election, so a by-election
    // finds the seat already freed.
    // A person who left and came back within the period (a minister returning to their seat: a membership
    // that ends, and a later one that starts after it) has one tenure per return: each a member of its own.
    const people = [...byPerson.entries()].flatMap(([personId, list]) => {
      const sorted = [...list].sort((a, b) => startDay(a) - startDay(b));
      const tenures: Located[][] = [[]];
      for (const m of sorted) {
        const current = tenures[tenures.length - 1];
        const before = current.length > 0 ? dateOf(current[current.length - 1], 'end_date') : undefined;
        const from = dateOf(m, 'start_date');
        if (before !== undefined && from !== undefined && early(from) > late(before)) tenures.push([m]);
        else current.push(m);
      }
      return tenures.map((t, k) => ({ personId, tenure: k, list: t, start: dateOf(t[0], 'start_date') }));
    }).sort((a, b) => (a.start ? early(a.start) : -Infinity) - (b.start ? early(b.start) : -Infinity) || (a.personId < b.personId ? -1 : 1));
    const affiliations: BatchItem[] = [];
    for (const { personId, tenure, list, start } of people) {
      const person = persons.get(personId)!;
      const memberId = memberIds.add(tenure === 0 ? personId : `${personId}-${tenure + 1}`);
      if (tenure === 0) c.members.set(personId, memberId);
      if (tenure > 0) report.notes.push(`${String(person.value.name)} left and returned within ${c.councilId}: their return is member ${memberId} (a second tenure)`);
      const name = String(person.value.name);
      const aliases = [...new Set(((person.value.other_names as Obj[] | undefined) ?? []).map((n) => str(n?.name)).filter((n): n is string => n !== undefined && n !== name))];
      const identifiers = identifiersOf(person);
      const first = list[0];
      const last = list[list.length - 1];
      const curiaOrg = [str(first.value.curia_id), str(first.value.on_behalf_of_id)].find((id) => id !== undefined && curiaOrgs.has(id));
      const electedOn = start ?? `${String(c.founding.foundedOn).replace(/[?~%]$/, '')}?`;
      if (start === undefined) report.infer('membership-dates-from-period', `member ${memberId} (${String(person.value.name)})`, `electedOn ${electedOn}`, `${where(first)} gives no start_date: the ${c.period ? 'legislative period\'s' : 'council\'s'} start`);
      // The constituency is the tenure's first membership's; a later membership of the tenure naming another is noted.
      const constituency = areaOf(first);
      const otherAreas = [...new Set(list.slice(1).map(areaOf).filter((a) => a !== undefined && (a.id ?? a.name) !== (constituency?.id ?? constituency?.name)).map((a) => a!.name ?? a!.id))];
      const notes = [
        ...(start === undefined ? [`electedOn: the membership gives no start_date; the council's founding date, inferred`] : []),
        ...(otherAreas.length > 0 ? [`later memberships of this tenure name other constituencies: ${otherAreas.join('; ')}`] : []),
        ...(str(first.value._member_note) ? [String(first.value._member_note)] : []),
      ];
      const rank = list.map((m) => m.value.rank).find((r) => typeof r === 'number');
      const votes = list.map((m) => m.value.votes).find((v) => typeof v === 'number');
      c.items.push({
        path: '/members',
        label: where(first),
        body: compact({
          memberId, name, aliases: aliases.length > 0 ? aliases : undefined, curia: curiaOrg ? curiaKey(curiaOrgs.get(curiaOrg)!) : undefined, electedOn, rank, votes,
          constituency, identifiers: identifiers.length > 0 ? identifiers : undefined,
          note: notes.length > 0 ? notes.join('\n') : undefined, source: source(person),
        }),
      });
      const end = dateOf(last, 'end_date');
      // 'left' is what the export writes when the source gave no reason.
      const endReason = str(last.value.end_reason) === 'left' ? undefined : str(last.value.end_reason);
      const departs = end !== undefined && endReason !== 'dissolution' && (c.end === undefined || early(end) < c.end) && (c.dissolvedOn === undefined || end !== c.dissolvedOn);
      if (departs) {
        c.items.push({
          path: `/members/${memberId}/departure`,
          label: where(last),
          body: compact({
            leftOn: end, reason: endReason && REASONS.includes(endReason) ? endReason : endReason ? 'other' : undefined,
            note: [endReason && !REASONS.includes(endReason) ? `end_reason: ${endReason}` : undefined, str(last.value._departure_note)].filter(Boolean).join('\n') || undefined, source: source(last),
          }),
        });
      }
      const termEnd = departs ? end : undefined;
      // Affiliations: legislature memberships on behalf of a group, then party memberships within the term.
      for (const m of list) {
        const group = str(m.value.on_behalf_of_id);
        if (group === undefined || !groupOrgs.has(group)) continue;
        const to = dateOf(m, 'end_date');
        const open = to === undefined || to === end || (c.dissolvedOn !== undefined && to === c.dissolvedOn) || str(m.value.end_reason) === 'dissolution';
        affiliations.push({
          path: `/members/${memberId}/affiliations`,
          label: where(m),
          body: compact({ groupId: groupIdOf(group), from: dateOf(m, 'start_date') ?? electedOn, to: open ? undefined : to, note: str(m.value._affiliation_note), source: source(m) }),
        });
      }
      for (const m of partyMemberships.filter((p) => String(p.value.person_id) === personId)) {
        const from = dateOf(m, 'start_date');
        const to = dateOf(m, 'end_date');
        const clippedFrom = from === undefined || early(from) < early(electedOn) ? electedOn : from;
        if (to !== undefined && early(to) <= late(clippedFrom)) continue;
        if (termEnd !== undefined && early(clippedFrom) >= late(termEnd)) continue;
        const clippedTo = to === undefined || (termEnd !== undefined && late(to) >= early(termEnd)) || (c.end !== undefined && late(to) >= c.end) ? undefined : to;
        affiliations.push({
          path: `/members/${memberId}/affiliations`,
          label: where(m),
          body: compact({ groupId: groupIdOf(String(m.value.organization_id)), from: clippedFrom, to: clippedTo, source: source(m) }),
        });
      }
    }
    c.items.push(...affiliations);

    // Officers: memberships of the legislature with another role.
    const officers = memberships.filter((m) => !MEMBER_ROLES.test(String(m.value.role ?? ''))).sort((a, b) => startDay(a) - startDay(b));
    for (const m of officers) {
      const role = toSlug(String(m.value.role), 'officer');
      const memberId = c.members.get(String(m.value.person_id));
      const stated = dateOf(m, 'start_date');
      const from = stated ?? `${String(c.founding.foundedOn).replace(/[?~%]$/, '')}?`;
      if (stated === undefined) report.infer('membership-dates-from-period', `officer ${role} (${String(persons.get(String(m.value.person_id))?.value.name)})`, `from ${from}`, `${where(m)} gives no start_date: the council's start`);
      c.items.push({
        path: '/officers',
        label: where(m),
        body: compact({
          role, ...(memberId ? { memberId } : { name: String(persons.get(String(m.value.person_id))!.value.name), nonMember: true }), from,
          note: stated === undefined ? 'from: the membership gives no start_date; the council\'s founding date, inferred' : undefined, source: source(m),
        }),
      });
      const to = dateOf(m, 'end_date');
      if (to !== undefined) c.items.push({ path: `/officers/${role}/end`, label: where(m), body: { to, source: source(m) } });
    }
  }

  // Sittings → meetings: the events that are not legislative periods, and the sittings the vote events name.
  const meetingIds = new Map<Context, IdMap>(contexts.map((c) => [c, new IdMap('meeting')]));
  const motionsById = new Map(doc.motions.map((m) => [String(m.value.id), m]));
  const onlineMotion = (motionId: string | undefined) => motionId !== undefined && motionsById.get(motionId)?.value.online === true;
  const sittings: Array<{ context: Context; key: string; date: string; event?: Located; label: string }> = [];
  const sittingKeys = new Set<string>();
  for (const e of doc.events) {
    if (PERIOD.test(String(e.value.classification ?? ''))) continue;
    if (contexts.some((c) => c.period && String(c.period.value.id) === String(e.value.id))) continue;
    if (ELECTION.test(String(e.value.classification ?? ''))) {
      planElection(e);
      continue;
    }
    const date = dateOf(e, 'start_date');
    if (date === undefined) {
      report.skip(e.file, where(e), 'a sitting needs a start_date');
      continue;
    }
    const context = placed(e, { organizationId: str(e.value.organization_id), periodId: str(e.value.legislative_period_id) ?? str(e.value.parent_id), date });
    if (context === undefined) continue;
    sittings.push({ context, key: `session:${String(e.value.id)}`, date, event: e, label: where(e) });
    sittingKeys.add(`session:${String(e.value.id)}`);
  }
  const voteEventContext = new Map<string, Context>();
  for (const ve of doc.voteEvents) {
    const record: Located = { file: ve.file, collection: 'vote_events', index: ve.index, value: { id: ve.id } };
    const context = placed(record, { periodId: ve.periodId, organizationId: ve.organizationId, sessionId: ve.sessionId, date: ve.date });
    if (context === undefined) continue;
    voteEventContext.set(`${ve.file}#${ve.index}`, context);
    context.voteEvents++;
    context.votes += ve.votes;
    if (onlineMotion(ve.motionId)) continue;
    const key = ve.sessionId !== undefined ? `session:${ve.sessionId}` : `date:${ve.date}`;
    if (sittingKeys.has(key)) continue;
    sittingKeys.add(key);
    sittings.push({ context, key, date: ve.date, label: where(record) });
  }
  sittings.sort((a, b) => early(a.date) - early(b.date) || late(a.date) - late(b.date));
  for (const s of sittings) {
    const c = s.context;
    const sourceId = s.event ? String(s.event.value.id) : s.key.startsWith('session:') ? s.key.slice('session:'.length) : `sitting-${s.date}`;
    const meetingId = meetingIds.get(c)!.add(sourceId);
    c.meetings.set(s.key, meetingId);
    const e = (s.event?.value ?? {}) as Obj;
    const number = ((e.identifiers as Obj[] | undefined) ?? []).find((i) => i?.scheme === 'meeting-number')?.identifier;
    const attendance = s.key.startsWith('session:') ? doc.attendance.get(s.key) ?? doc.attendance.get(sessionKey(undefined, s.date)) : doc.attendance.get(s.key);
    const presentCount = typeof e.present_count === 'number' ? e.present_count : undefined;
    const present = presentCount === undefined && attendance && attendance.present.size > 0
      ? [...attendance.present].map((p) => c.members.get(p) ?? String(persons.get(p)?.value.name ?? p))
      : undefined;
    const reportedOutcome = presentCount === undefined && present === undefined && (e.outcome === 'quorum-failed' || e.status === 'cancelled') ? 'quorum-failed' : undefined;
    c.items.push({
      path: '/meetings',
      label: s.label,
      body: compact({
        meetingId, number: number !== undefined && /^\d+$/.test(String(number)) ? Number(number) : undefined, date: s.date,
        kind: /^extraordinary/i.test(String(e.name ?? '')) || e.kind === 'extraordinary' ? 'extraordinary' : undefined,
        present, presentCount, remoteCount: typeof e.remote_count === 'number' ? e.remote_count : undefined,
        reportedMembership: typeof e.reported_membership === 'number' ? e.reported_membership : undefined, reportedOutcome,
        note: present !== undefined ? 'present: those who took part in the sitting\'s votes (the vote events name them)' : undefined,
        source: s.event ? source(s.event) : undefined,
      }),
    });
  }

  // Motions: tabled with their first vote event; those without one are tabled (and decided when the file says how) here.
  const motionIds = new Map<Context, IdMap>(contexts.map((c) => [c, new IdMap('motion')]));
  const tabled = new Set<string>();
  const motionBody = (c: Context, motion: Located | undefined, motionId: string, ve: Obj | undefined, date: string, sessionKeyOf: string | undefined): BatchItem => {
    const m = (motion?.value ?? {}) as Obj;
    const online = m.online === true;
    const meetingId = !online && sessionKeyOf !== undefined ? c.meetings.get(sessionKeyOf) : undefined;
    const title = str(m.text) ?? str(m.title) ?? str((ve?.motion as Obj | undefined)?.text) ?? str(ve?.name) ?? str(ve?.title) ?? `Vote ${String(ve?.id ?? motionId)}`;
    return {
      path: '/motions',
      label: motion ? where(motion) : `vote_events (id ${JSON.stringify(ve?.id)})`,
      body: compact({
        motionId, title: title.slice(0, 1000), kind: KINDS.includes(String(m.classification)) ? m.classification : undefined, meetingId, openedOn: (motion ? dateOf(motion, 'date') : undefined) ?? date,
        online: online || (meetingId === undefined ? true : undefined), options: Array.isArray(m.options) ? m.options : undefined, rule: ve?._rule, note: str(ve?._motion_note)?.slice(0, 5000),
        source: motion ? source(motion) : undefined,
      }),
    };
  };
  for (const motion of doc.motions) {
    const id = String(motion.value.id);
    if ((doc.voteEventsPerMotion.get(id) ?? 0) > 0) continue;
    const date = dateOf(motion, 'date');
    if (date === undefined) {
      report.skip(motion.file, where(motion), 'a motion without a vote event needs a date');
      continue;
    }
    const c = placed(motion, { organizationId: str(motion.value.organization_id), sessionId: str(motion.value.legislative_session_id), date });
    if (c === undefined) continue;
    const motionId = motionIds.get(c)!.add(id);
    const session = str(motion.value.legislative_session_id);
    c.items.push(motionBody(c, motion, motionId, undefined, date, session !== undefined ? `session:${session}` : `date:${date}`));
    const outcome = reported(motion.value.result);
    if (outcome) c.items.push({ path: `/motions/${motionId}/result`, label: where(motion), body: { decidedOn: date, reportedOutcome: outcome, source: source(motion) } });
  }

  for (const c of contexts) {
    if (c.dissolvedOn !== undefined && early(c.dissolvedOn) <= Math.floor(Date.now() / 86_400_000)) {
      c.closing.push({ path: '/dissolution', label: where(c.period && c.period.index >= 0 ? c.period : c.legislature), body: { dissolvedOn: c.dissolvedOn, reason: c.period ? 'the legislative period ended' : undefined } });
      c.closing[0].body = compact(c.closing[0].body);
    }
  }

  const councils: PlannedCouncil[] = contexts.map((c) => ({
    councilId: c.councilId, founding: c.founding, facts: [...c.elections, ...c.items], closing: c.closing, expectedVoteEvents: c.voteEvents, expectedVotes: c.votes,
  }));

  const infoOf = new Map(doc.voteEvents.map((ve) => [`${ve.file}#${ve.index}`, ve]));
  const skipped = { present: 0, absent: 0 };
  const disagreements: string[] = [];
  return {
    councils,
    notes,
    report,
    async voteEvents(emit) {
      await stream(async (record) => {
        const info = infoOf.get(`${record.file}#${record.index}`);
        const c = voteEventContext.get(`${record.file}#${record.index}`);
        if (info === undefined || c === undefined) return; // skipped when read (the report says why)
        const ve = record.value;
        const motion = info.motionId !== undefined ? motionsById.get(info.motionId) : undefined;
        const single = info.motionId !== undefined && (doc.voteEventsPerMotion.get(info.motionId) ?? 0) === 1;
        const motionId = motionIds.get(c)!.add(single ? info.motionId! : `${info.motionId ?? ''}${info.motionId ? '-' : ''}${info.id}`);
        const items: BatchItem[] = [];
        const sessionKeyOf = onlineMotion(info.motionId) ? undefined : info.sessionId !== undefined ? `session:${info.sessionId}` : `date:${info.date}`;
        if (!tabled.has(`${c.councilId}\u0000${motionId}`)) {
          tabled.add(`${c.councilId}\u0000${motionId}`);
          items.push(motionBody(c, motion, motionId, ve, info.date, sessionKeyOf));
        }
        const options = Array.isArray(motion?.value.options) ? (motion!.value.options as string[]) : undefined;
        const votes: Obj[] = [];
        const others: Record<string, number> = {};
        const pairings: string[] = [];
        const pairs: Obj[] = [];
        const nameOf = (voter: string) => c.members.get(voter) ?? String(persons.get(voter)?.value.name ?? voter);
        for (const v of (ve.votes as Obj[] | undefined) ?? []) {
          // Votes skipped when read (no option; a voter who is no person of the file) are left out here too.
          if (typeof v?.option !== 'string' || (str(v.voter_id) !== undefined ? !persons.has(str(v.voter_id)!) : str((v.voter as Obj | undefined)?.name) === undefined)) continue;
          const option = voteOption(String(v.option), options);
          if (!option) {
            // An option the importer does not know is attendance of its own kind, counted in the note.
            const kind = String(v.option).trim().toLowerCase();
            others[kind] = (others[kind] ?? 0) + 1;
            continue;
          }
          if (option.kind !== 'vote') {
            skipped[option.kind]++;
            // A pairing (option "paired" with Popolo's pair_id, or a package's paired_id) is recorded as one, not as a vote.
            const paired = str(v.pair_id) ?? str(v.paired_id);
            const voter = str(v.voter_id);
            if (paired !== undefined && voter !== undefined) {
              const memberId = c.members.get(voter);
              const partner = c.members.get(paired);
              if (memberId !== undefined && partner !== undefined && String(v.option).trim().toLowerCase() === 'paired') pairs.push({ memberId, pairedWith: partner });
              else pairings.push(`${nameOf(voter)} with ${nameOf(paired)}`);
            }
            continue;
          }
          const voter = str(v.voter_id);
          const memberId = voter !== undefined ? c.members.get(voter) : undefined;
          const name = voter !== undefined ? String(persons.get(voter)?.value.name ?? voter) : String((v.voter as Obj).name);
          votes.push(memberId ? { memberId, choice: option.choice } : { name, choice: option.choice });
        }
        const outcome = reported(ve.result);
        const counts = countsOf(ve.counts, options);
        const decided = outcome !== undefined || (votes.length === 0 && counts !== undefined);
        // With individual votes the tally is counted from them; the counts the source reports are kept beside
        // it in the note (the API takes counts only when votes are unknown), and a difference is reported.
        let note: string | undefined;
        if (votes.length > 0 && counts !== undefined) {
          const derived: Record<string, number> = {};
          for (const v of votes) derived[String(v.choice)] = (derived[String(v.choice)] ?? 0) + 1;
          const differs = Object.entries(counts).filter(([option, n]) => (derived[option] ?? 0) !== n);
          note = `reported counts: ${Object.entries(counts).map(([o, n]) => `${o} ${n}`).join(', ')}` +
            (differs.length > 0 ? ` (the votes give ${differs.map(([o]) => `${o} ${derived[o] ?? 0}`).join(', ')})` : ' (as the votes give)');
          if (differs.length > 0) disagreements.push(`${where(record)}: ${note}`);
        }
        // A roll call needs a vote: the pairings of a division without one stay in its note.
        if (votes.length === 0) pairings.push(...pairs.splice(0).map((p) => `${String(p.memberId)} with ${String(p.pairedWith)}`));
        const otherKinds = Object.entries(others).map(([k, n]) => `${JSON.stringify(k)}: ${n}`);
        note = [note, otherKinds.length > 0 ? `attendance, not votes: ${otherKinds.join(', ')}` : undefined, pairings.length > 0 ? `paired (paired_id): ${pairings.join('; ')}` : undefined]
          .filter(Boolean).join('\n').slice(0, 5000) || undefined;
        const common = compact({
          decidedOn: decided ? info.date : undefined, reportedOutcome: outcome, reportedWinner: str(ve.winner), counts: decided && votes.length === 0 ? counts : undefined,
          note, source: { title: basename(record.file), locator: where(record) },
        });
        if (votes.length > 0) items.push({ path: `/motions/${motionId}/roll-call`, label: where(record), body: { votes, ...(pairs.length > 0 ? { pairs } : {}), ...common } });
        else if (decided) items.push({ path: `/motions/${motionId}/result`, label: where(record), body: common });
        await emit(c.councilId, items);
      });
      if (disagreements.length > 0) {
        notes.push(`${disagreements.length} vote events report counts that differ from their votes (kept in the roll call's note): ${disagreements.slice(0, 10).join('; ')}${disagreements.length > 10 ? '; …' : ''}`);
      }
      if (skipped.present + skipped.absent > 0) {
        notes.push(`${skipped.absent} absent/paired and ${skipped.present} not-voting entries are attendance, not votes: they are not recorded as votes (those who took part are the meetings' present lists)`);
      }
    },
  };
}

/** A membership's constituency: its `area`, or the area its `area_id` names, as `{ id?, name? }` (POST /members `constituency`). */
function areaOfWith(areas: Map<string, Located>, m: Located): { id?: string; name?: string } | undefined {
  const inline = m.value.area as Obj | undefined;
  const id = str(m.value.area_id) ?? str(inline?.id);
  const name = str(inline?.name) ?? (id !== undefined ? str(areas.get(id)?.value.name) : undefined);
  if (id === undefined && name === undefined) return undefined;
  return compact({ id: id?.slice(0, 200), name: name?.slice(0, 200) }) as { id?: string; name?: string };
}

/** A person's `identifiers[]` as POST /members `identifiers`: each with a scheme and an identifier (others are left out). */
function identifiersOf(person: Located): Array<{ scheme: string; identifier: string }> {
  const list = Array.isArray(person.value.identifiers) ? (person.value.identifiers as Obj[]) : [];
  return list
    .map((i) => ({ scheme: str(i?.scheme), identifier: str(i?.identifier) }))
    .filter((i): i is { scheme: string; identifier: string } => i.scheme !== undefined && i.identifier !== undefined && i.scheme.length <= 100 && i.identifier.length <= 200)
    .slice(0, 50);
}

/**
 * The day a dateless file speaks for: --as-of; else the file's own date (meta.date, …); else the latest
 * date anywhere in its memberships and events; else the file's modification day. Says which.
 */
export function dateAsOf(doc: PopoloDocument, asOf: string | undefined): { day: string; how: string } {
  if (asOf !== undefined) return { day: asOf, how: `--as-of ${asOf}` };
  const meta = doc.meta ?? {};
  for (const field of ['date', 'updated', 'generated', 'retrieved', 'created', 'last_updated']) {
    const value = str(meta[field]);
    if (value !== undefined && /^\d{4}-\d{2}-\d{2}/.test(value)) return { day: value.slice(0, 10), how: `the file's date (meta.${field} ${value})` };
  }
  const dates = [...doc.memberships, ...doc.events].flatMap((r) => ['start_date', 'end_date'].map((f) => str(r.value[f]))).filter((d): d is string => d !== undefined && /^\d{4}-\d{2}-\d{2}/.test(d));
  if (dates.length > 0) {
    const latest = dates.map((d) => d.slice(0, 10)).sort().pop()!;
    return { day: latest, how: `the latest date in the file (${latest}); give --as-of to say when the list was true` };
  }
  const modified = statSync(doc.files[0]).mtime.toISOString().slice(0, 10);
  return { day: modified, how: `no date in the file: its modification day (${modified}); give --as-of to say when the list was true` };
}

function startDay(m: Located): number {
  const d = dateOf(m, 'start_date');
  return d === undefined ? -Infinity : early(d);
}

function curiaKey(o: Located): string {
  const id = ((o.value.identifiers as Obj[] | undefined) ?? []).find((i) => i?.scheme === 'curia')?.identifier;
  return toSlug(String(id ?? o.value.id), 'curia');
}

function groupKey(o: Located | undefined): string | undefined {
  const id = ((o?.value.identifiers as Obj[] | undefined) ?? []).find((i) => i?.scheme === 'group')?.identifier;
  return id === undefined ? undefined : String(id);
}

export function reported(result: unknown): 'adopted' | 'rejected' | undefined {
  const r = String(result ?? '').trim().toLowerCase();
  if (['pass', 'passed', 'adopted', 'carried', 'approved', 'agreed'].includes(r)) return 'adopted';
  if (['fail', 'failed', 'rejected', 'defeated', 'lost', 'not adopted'].includes(r)) return 'rejected';
  return undefined;
}

/** Popolo counts [{ option, value }] as the API's counts: yes/no/abstain (or the motion's options) only. */
export function countsOf(counts: unknown, options?: readonly string[]): Record<string, number> | undefined {
  if (!Array.isArray(counts)) return undefined;
  const out: Record<string, number> = {};
  for (const c of counts as Obj[]) {
    const option = voteOption(String(c?.option ?? ''), options);
    if (option?.kind === 'vote' && typeof c.value === 'number') out[option.choice] = (out[option.choice] ?? 0) + c.value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
