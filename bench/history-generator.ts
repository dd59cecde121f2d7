/**
 * Generates a coherent council history of N events and writes it straight into a fresh SQLite event
 * store file (same schema as the adapter, via its `applySchema`), one stream per council
 * (`council-<id>`), councils interleaved in the global order as they would be in a live system.
 *
 * Every council is founded, elects 45 members in two curiae, appoints officers, then holds meetings
 * (some fail for lack of quorum) at which motions are tabled, voted by the members present and decided;
 * members leave and are replaced, officers change, working groups form, facts are corrected and
 * retracted, and some councils are dissolved. Members vote only while in office; every correction names
 * an earlier event of its own stream. A few dates are imprecise (EDTF months) so the uncertain paths run.
 *
 * The file is cached in bench/.cache keyed by size, seed and GENERATOR_VERSION.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySchema } from '../src/event-store/sqlite/schema';
import type {
  CouncilEventMap,
  CouncilEventType,
  EventMetadataV1,
  MeetingHeld,
  MemberElected,
  MotionDecided,
  VoteCast,
} from '../src/council/domain/events';
import { SCHEMA_VERSION } from '../src/council/domain/events';
import { CACHE_DIR, Rng, ensureDir, log, nowMs, round } from './common';

export const GENERATOR_VERSION = 1;
const DAY_MS = 86_400_000;
/** Record time of position 1; each later event is recorded ~1 s after the previous one. */
export const RECORD_EPOCH_MS = Date.UTC(2024, 0, 1);
export const RECORD_STEP_MS = 1000;

export interface CouncilSummary {
  councilId: string;
  stream: string;
  events: number;
  /** Valid-time span of the council's facts, days since 1970-01-01. */
  firstDay: number;
  lastDay: number;
  firstPosition: number;
  lastPosition: number;
}

export interface History {
  path: string;
  events: number;
  seed: number;
  councils: CouncilSummary[];
  counts: Record<string, number>;
  /** Mean serialized size (data + metadata) in bytes. */
  meanEventBytes: number;
  generatedInMs?: number;
}

interface PendingEvent {
  id: string;
  type: CouncilEventType;
  data: unknown;
  day: number;
}

const FIRST = ['Anna', 'Boris', 'Clara', 'Dmitri', 'Elena', 'Fyodor', 'Galina', 'Igor', 'Irina', 'Kirill', 'Larisa', 'Maxim', 'Nadia', 'Oleg', 'Polina', 'Roman', 'Sofia', 'Timur', 'Ulyana', 'Vera', 'Yuri', 'Zoya'];
const LAST = ['Ivanova', 'Petrov', 'Sidorova', 'Kuznetsov', 'Popova', 'Volkov', 'Sokolova', 'Lebedev', 'Kozlova', 'Novikov', 'Morozova', 'Pavlov', 'Egorova', 'Orlov', 'Nikitina', 'Zaitsev'];
const TOPICS = ['budget', 'statement on elections', 'working group report', 'procedural rules', 'press release', 'appeal to voters', 'delegation', 'audit', 'agenda change', 'resolution on detentions'];

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isoMonth = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 7);

/**
 * One council's history as a sequence of chunks (a founding, a meeting with its motions and votes...),
 * produced lazily so councils can be interleaved without holding everything in memory.
 */
function* councilHistory(rng: Rng, index: number, budget: number, refill = false): Generator<PendingEvent[]> {
  const councilId = `council-${index}`;
  const curiae = [
    { key: 'list-a', name: 'List A', seats: 25 },
    { key: 'list-b', name: 'List B', seats: 20 },
  ];
  let day = rng.int(15_000, 19_000); // 2011..2022
  let emitted = 0;
  const ev = (type: CouncilEventType, data: unknown): PendingEvent => {
    emitted += 1;
    return { id: rng.uuid(), type, data, day };
  };
  const facts: PendingEvent[] = []; // correctable facts of this council
  interface Member { memberId: string; name: string; curia: string; electedOn: number; electionEventId: string }
  const inOffice: Member[] = [];
  let nextMember = 1;
  const elect = (curia: string, precise = true): PendingEvent => {
    const name = `${rng.pick(FIRST)} ${rng.pick(LAST)} ${nextMember}`;
    const memberId = `member-${nextMember++}`;
    const data: MemberElected = {
      memberId,
      name,
      aliases: rng.chance(0.1) ? [name.split(' ').reverse().join(' ')] : [],
      curia,
      electedOn: precise ? isoDay(day) : isoMonth(day),
      votes: rng.int(100, 5000),
      rank: rng.int(1, 45),
    };
    const e = ev('MemberElected', data);
    inOffice.push({ memberId, name, curia, electedOn: day, electionEventId: e.id });
    facts.push(e);
    return e;
  };

  // Founding, the elected members and the first officers.
  const founding: PendingEvent[] = [
    ev('CouncilFounded', {
      councilId,
      name: `Coordination Council ${index}`,
      foundedOn: isoDay(day),
      seats: 45,
      curiae,
      rules: { quorum: 'majority-of-members', decision: 'majority-of-present' },
      election: { heldOn: isoDay(day - 1), candidates: 200, voters: rng.int(50_000, 200_000) },
    } satisfies CouncilEventMap['CouncilFounded']),
  ];
  for (const c of curiae) for (let i = 0; i < c.seats; i++) founding.push(elect(c.key));
  const officer = (role: string) => rng.pick(inOffice);
  const officers = new Map<string, Member>();
  for (const role of ['chair', 'secretary']) {
    const m = officer(role);
    officers.set(role, m);
    founding.push(ev('OfficerAppointed', { role, memberId: m.memberId, name: m.name, from: isoDay(day) } satisfies CouncilEventMap['OfficerAppointed']));
  }
  yield founding;

  let meetingNo = 0;
  let motionNo = 0;
  let groupNo = 0;
  while (emitted < budget) {
    day += rng.int(7, 21);
    const chunk: PendingEvent[] = [];
    // Departures and replacements between meetings.
    if (rng.chance(0.15) && inOffice.length > 30) {
      const i = rng.int(0, inOffice.length - 1);
      const leaving = inOffice[i];
      if (leaving.electedOn < day) {
        inOffice.splice(i, 1);
        for (const [role, m] of officers) if (m === leaving) officers.delete(role);
        const precise = !rng.chance(0.05);
        const e = ev('MemberLeft', {
          memberId: leaving.memberId,
          leftOn: precise ? isoDay(day) : isoMonth(day),
          reason: rng.pick(['resigned', 'expelled', 'died', 'imprisoned', 'other'] as const),
        } satisfies CouncilEventMap['MemberLeft']);
        facts.push(e);
        chunk.push(e);
        // With `refill`, a by-election fills the seat whenever fewer than 40 sit: otherwise membership sinks to the
        // 30-member floor below which nobody leaves, and a long council's member history stops growing after ~10,000 events.
        if (rng.chance(0.8) || (refill && inOffice.length < 40)) {
          day += 1;
          chunk.push(elect(leaving.curia));
        }
      }
    }
    // Officer changes.
    if (rng.chance(0.05) || officers.size < 2) {
      for (const role of ['chair', 'secretary']) {
        const current = officers.get(role);
        if (current && rng.chance(0.5)) {
          chunk.push(ev('OfficerTermEnded', { role, memberId: current.memberId, name: current.name, to: isoDay(day), reason: 'resigned' } satisfies CouncilEventMap['OfficerTermEnded']));
          officers.delete(role);
        }
        if (!officers.has(role)) {
          const m = rng.pick(inOffice);
          officers.set(role, m);
          chunk.push(ev('OfficerAppointed', { role, memberId: m.memberId, name: m.name, from: isoDay(day) } satisfies CouncilEventMap['OfficerAppointed']));
        }
      }
    }
    if (rng.chance(0.03)) {
      const members = Array.from({ length: rng.int(3, 7) }, () => rng.pick(inOffice)).map((m) => ({ memberId: m.memberId, name: m.name }));
      chunk.push(ev('WorkingGroupFormed', { workingGroupId: `group-${++groupNo}`, name: `Working group ${groupNo}`, formedOn: isoDay(day), members } satisfies CouncilEventMap['WorkingGroupFormed']));
    }

    // The meeting.
    meetingNo += 1;
    const meetingId = `meeting-${meetingNo}`;
    const membership = inOffice.length;
    const required = Math.floor(membership / 2) + 1;
    const failed = rng.chance(0.05);
    const present = failed ? rng.int(5, required - 1) : rng.int(required, membership);
    const attendees = [...inOffice].sort(() => rng.next() - 0.5).slice(0, present).filter((m) => m.electedOn <= day);
    const chair = officers.get('chair');
    const meeting: MeetingHeld = {
      meetingId,
      number: meetingNo,
      date: isoDay(day),
      kind: rng.chance(0.1) ? 'extraordinary' : 'regular',
      chair: chair ? { memberId: chair.memberId, name: chair.name } : undefined,
      agenda: Array.from({ length: rng.int(1, 4) }, () => rng.pick(TOPICS)),
      presentCount: attendees.length,
      reportedMembership: membership,
      membership: { certain: membership, uncertain: 0 },
      quorum: { rule: 'majority-of-members', required, requiredIfAllUncertainIn: required },
      quorumCertain: true,
      outcomeBasis: 'attendance',
    };
    if (!chair) delete meeting.chair;
    const meetingEvent = ev(failed ? 'QuorumFailed' : 'MeetingHeld', meeting);
    facts.push(meetingEvent);
    chunk.push(meetingEvent);
    if (!failed) {
      const motions = rng.int(1, 3);
      for (let k = 0; k < motions && emitted < budget; k++) {
        const motionId = `motion-${++motionNo}`;
        chunk.push(ev('MotionTabled', { motionId, title: `${rng.pick(TOPICS)} ${motionNo}`, kind: 'resolution', meetingId, openedOn: isoDay(day), online: false } satisfies CouncilEventMap['MotionTabled']));
        const tally: Record<string, number> = { yes: 0, no: 0, abstain: 0 };
        for (const m of attendees) {
          const choice = rng.next() < 0.65 ? 'yes' : rng.next() < 0.6 ? 'no' : 'abstain';
          tally[choice] += 1;
          const vote: VoteCast = { motionId, memberId: m.memberId, name: m.name, choice, castOn: isoDay(day) };
          const e = ev('VoteCast', vote);
          if (rng.chance(0.02)) facts.push(e);
          chunk.push(e);
        }
        const neededVotes = Math.floor(attendees.length / 2) + 1;
        const decided: MotionDecided = {
          motionId,
          decidedOn: isoDay(day),
          tally,
          tallyFrom: 'votes',
          rule: 'majority-of-present',
          base: { of: 'present', count: attendees.length, uncertain: 0 },
          required: neededVotes,
          outcome: tally.yes >= neededVotes ? 'adopted' : 'rejected',
        };
        chunk.push(ev('MotionDecided', decided));
      }
    }
    // Corrections of earlier facts of this council.
    if (rng.chance(0.08) && facts.length > 50) {
      const target = facts[rng.int(1, facts.length - 1)];
      if (target.type === 'VoteCast' && rng.chance(0.5)) {
        chunk.push(ev('FactRetracted', { eventId: target.id, originalType: 'VoteCast', reason: 'the minutes list this vote twice' } satisfies CouncilEventMap['FactRetracted']));
      } else if (target.type === 'MeetingHeld' || target.type === 'QuorumFailed') {
        const data = { ...(target.data as MeetingHeld), presentCount: Math.max(0, ((target.data as MeetingHeld).presentCount ?? 0) - 1), note: 'corrected attendance' };
        chunk.push(ev('FactCorrected', { eventId: target.id, originalType: target.type, replacement: { type: target.type, data }, reason: 'the minutes give another attendance' } satisfies CouncilEventMap['FactCorrected']));
      } else if (target.type === 'MemberElected') {
        const data = { ...(target.data as MemberElected), votes: ((target.data as MemberElected).votes ?? 0) + 7 };
        chunk.push(ev('FactCorrected', { eventId: target.id, originalType: 'MemberElected', replacement: { type: 'MemberElected', data }, reason: 'the election commission corrected the count' } satisfies CouncilEventMap['FactCorrected']));
      } else if (target.type === 'VoteCast') {
        const data = { ...(target.data as VoteCast), choice: 'abstain' };
        chunk.push(ev('FactCorrected', { eventId: target.id, originalType: 'VoteCast', replacement: { type: 'VoteCast', data }, reason: 'misread the minutes' } satisfies CouncilEventMap['FactCorrected']));
      }
    }
    if (emitted >= budget && rng.chance(0.3)) {
      day += rng.int(30, 300);
      chunk.push(ev('CouncilDissolved', { dissolvedOn: isoDay(day), reason: 'the council voted to dissolve' } satisfies CouncilEventMap['CouncilDissolved']));
    }
    yield chunk;
  }
}

export function historyPath(events: number, seed: number, oneCouncil = false, refill = false): string {
  return join(CACHE_DIR, `history-${events}-s${seed}-v${GENERATOR_VERSION}${oneCouncil ? '-one-council' : ''}${refill ? '-refill' : ''}.sqlite`);
}

/**
 * Generates (or reuses the cached) history of exactly `events` events. With `oneCouncil`, every event belongs
 * to a single council whose own history is that long (the as-of question about a long-lived council). With `refill`,
 * vacancies are filled by by-elections whenever fewer than 40 members sit, so members keep leaving and being elected
 * over the whole history (a separate cache file; the histories without it are unchanged).
 */
export function ensureHistory(events: number, seed = 42, options: { oneCouncil?: boolean; refill?: boolean } = {}): History {
  const oneCouncil = options.oneCouncil === true;
  const refill = options.refill === true;
  const path = historyPath(events, seed, oneCouncil, refill);
  const summaryPath = `${path}.json`;
  if (existsSync(path) && existsSync(summaryPath)) {
    // The file is where this checkout keeps it: a cache copied from another checkout names that one's path.
    return { ...(JSON.parse(readFileSync(summaryPath, 'utf8')) as History), path };
  }
  ensureDir(CACHE_DIR);
  const started = nowMs();
  const tmp = `${path}.tmp-${process.pid}`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  const db = new Database(tmp);
  applySchema(db, 'OFF');
  db.pragma('cache_size = -262144');
  const insert = db.prepare(
    'INSERT INTO events (position, id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const rng = new Rng(seed);
  const tokens = Array.from({ length: 5 }, (_, i) => ({ tokenId: rng.uuid(), label: `secretary ${i + 1}`, role: i === 0 ? 'historian' : 'secretary' }));
  // Council sizes vary around ~2,000 events, independent of N, so per-council query cost is comparable across N.
  const ACTIVE = oneCouncil ? 1 : Math.max(1, Math.min(64, Math.round(events / 2000)));
  interface Active { gen: Generator<PendingEvent[]>; summary: CouncilSummary; revision: number }
  const councils: CouncilSummary[] = [];
  const active: Active[] = [];
  let councilCount = 0;
  let assigned = 0;
  const startCouncil = () => {
    const budget = oneCouncil ? Math.max(1, events - assigned) : Math.min(rng.int(800, 3200), Math.max(1, events - assigned));
    assigned += budget;
    const index = ++councilCount;
    const summary: CouncilSummary = { councilId: `council-${index}`, stream: `council-council-${index}`, events: 0, firstDay: Infinity, lastDay: -Infinity, firstPosition: 0, lastPosition: 0 };
    councils.push(summary);
    active.push({ gen: councilHistory(rng, index, budget, refill), summary, revision: -1 });
  };
  const counts: Record<string, number> = {};
  let position = 0;
  let bytes = 0;
  const batch: Array<[number, string, string, number, string, string, string, number]> = [];
  const flush = db.transaction(() => {
    for (const row of batch) insert.run(...row);
    batch.length = 0;
  });
  while (position < events) {
    while (active.length < ACTIVE && assigned < events) startCouncil();
    if (active.length === 0) startCouncil();
    const i = rng.int(0, active.length - 1);
    const a = active[i];
    const next = a.gen.next();
    if (next.done) {
      active.splice(i, 1);
      continue;
    }
    for (const e of next.value) {
      if (position >= events) break;
      position += 1;
      a.revision += 1;
      const metadata: EventMetadataV1 = {
        schemaVersion: SCHEMA_VERSION,
        recordedBy: rng.pick(tokens),
        correlationId: rng.uuid(),
        causationId: rng.uuid(),
      };
      if (e.type === 'MeetingHeld' || e.type === 'QuorumFailed') metadata.source = { title: `Minutes of meeting ${(e.data as MeetingHeld).number}`, url: `https://example.org/minutes/${a.summary.councilId}/${(e.data as MeetingHeld).number}` };
      const data = JSON.stringify(e.data);
      const meta = JSON.stringify(metadata);
      bytes += data.length + meta.length;
      batch.push([position, e.id, a.summary.stream, a.revision, e.type, data, meta, RECORD_EPOCH_MS + position * RECORD_STEP_MS]);
      counts[e.type] = (counts[e.type] ?? 0) + 1;
      const s = a.summary;
      s.events += 1;
      if (s.firstPosition === 0) s.firstPosition = position;
      s.lastPosition = position;
      s.firstDay = Math.min(s.firstDay, e.day);
      s.lastDay = Math.max(s.lastDay, e.day);
    }
    if (batch.length >= 20_000) flush();
  }
  flush();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const suffix of ['-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  renameSync(tmp, path);
  const history: History = {
    path,
    events: position,
    seed,
    councils: councils.filter((c) => c.events > 0),
    counts,
    meanEventBytes: round(bytes / Math.max(1, position), 1),
    generatedInMs: round(nowMs() - started),
  };
  writeFileSync(summaryPath, JSON.stringify(history));
  log(`generated ${position} events in ${history.councils.length} councils (${history.generatedInMs} ms) -> ${path}`);
  return history;
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 10_000);
  const h = ensureHistory(n, Number(process.argv[3] ?? 42));
  process.stdout.write(`${JSON.stringify({ ...h, councils: h.councils.length }, null, 2)}\n`);
}
