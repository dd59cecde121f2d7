import { BatchItem, IdMap } from '../model';
import { Located, dateOf, sessionKey, str, where } from './popolo-reader';
import { Context, ELECTION, KINDS, Obj, PERIOD, Planning, compact, early, late, reported, source } from './popolo-shared';

/** What the vote events step needs from the sittings step. */
export interface Sittings {
  /** `file#index` of a vote event → its council. */
  voteEventContext: Map<string, Context>;
  motionIds: Map<Context, IdMap>;
  motionsById: Map<string, Located>;
  onlineMotion(motionId: string | undefined): boolean;
  /** `councilId\u0000motionId` of the motions already tabled. */
  tabled: Set<string>;
  motionBody(c: Context, motion: Located | undefined, motionId: string, ve: Obj | undefined, date: string, sessionKeyOf: string | undefined): BatchItem;
}

/**
 * Step 4, sittings: the events that are no period and no election, and the sittings the vote events name
 * (their legislative_session_id, else their day), become meetings in date order, with who took part; the
 * motions without a vote event are tabled (and decided when the file says how).
 */
export function planSittings(p: Planning): Sittings {
  const { doc, report, persons, contexts, placed } = p;
  // Sittings → meetings: the events that are not legislative periods, and the sittings the vote events name.
  const meetingIds = new Map<Context, IdMap>(contexts.map((c) => [c, new IdMap('meeting')]));
  const motionsById = new Map(doc.motions.map((m) => [String(m.value.id), m]));
  const onlineMotion = (motionId: string | undefined) => motionId !== undefined && motionsById.get(motionId)?.value.online === true;
  const sittings: Array<{ context: Context; key: string; date: string; event?: Located; label: string }> = [];
  const sittingKeys = new Set<string>();
  for (const e of doc.events) {
    if (PERIOD.test(String(e.value.classification ?? ''))) continue;
    if (contexts.some((c) => c.period && String(c.period.value.id) === String(e.value.id))) continue;
    if (ELECTION.test(String(e.value.classification ?? ''))) continue; // an election (step 2), never a meeting
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

  return { voteEventContext, motionIds, motionsById, onlineMotion, tabled, motionBody };
}
