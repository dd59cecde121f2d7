import { statSync } from 'node:fs';
import { fromDay, parseValidDate, toDay } from '../../council/domain/valid-date';
import { InputError } from '../input-error';
import { toSlug } from '../model';
import { ImportReport } from '../report';
import { Located, PopoloDocument, dateOf, str, where } from './popolo-reader';
import { Context, LEGISLATURE, MEMBER_ROLES, PlaceHints, PlanOptions, Planning, compact, curiaKey, early, late, source } from './popolo-shared';

/**
 * Step 1, periods: one council per legislature and legislative period (periods read from `events` or an
 * organization's `legislative_periods[]` by the reader), each with its founding facts: foundedOn from the
 * period, the legislature or the memberships (else "in office as of", inferred: dated-as-of), seats stated
 * or inferred (seats-from-memberships), curiae, rules, and the dissolution the period's end implies.
 */
export function planPeriods(doc: PopoloDocument, options: PlanOptions, report: ImportReport): Planning {
  const persons = new Map(doc.persons.map((p) => [String(p.value.id), p]));
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

  const contextFor = (record: Located, hints: PlaceHints): Context => {
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
  const placed = (record: Located, hints: PlaceHints): Context | undefined => {
    try {
      return contextFor(record, hints);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      report.skip(record.file, where(record), e.problem);
      return undefined;
    }
  };

  return { doc, report, options, persons, events, contexts, curiaOrgs, groupOrgs, inPeriod, placed };
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
