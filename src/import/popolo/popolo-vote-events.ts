import { basename } from 'node:path';
import { BatchItem, ImportPlan, voteOption } from '../model';
import { str, where } from './popolo-reader';
import { Obj, Planning, VoteEventStream, compact, reported } from './popolo-shared';
import { Sittings } from './popolo-sittings';

/**
 * Step 5, vote events (streamed when written, never held whole): each vote event becomes its motion (tabled
 * with its first vote event) and a roll call: the votes, the pairings (option "paired" with pair_id or a
 * package's paired_id), the counts the source reports kept beside the tally in the note, and the result
 * when the file gives one. Absent, not voting and unknown options are attendance, not votes.
 */
export function voteEventsOf(p: Planning, s: Sittings, stream: VoteEventStream, notes: string[]): ImportPlan['voteEvents'] {
  const { doc, persons } = p;
  const { voteEventContext, motionIds, motionsById, onlineMotion, tabled, motionBody } = s;
  const infoOf = new Map(doc.voteEvents.map((ve) => [`${ve.file}#${ve.index}`, ve]));
  const skipped = { present: 0, absent: 0 };
  const disagreements: string[] = [];
  return async (emit) => {
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
  };
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
