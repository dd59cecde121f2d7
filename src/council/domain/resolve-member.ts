import { ValidDate } from './valid-date';
import { NameResolutionError } from './errors';
import { levenshtein, normalizeName } from './names';
import { inOffice } from './rules/membership';
import { CouncilState, MemberState } from './state';

export type Candidate = { memberId: string; name: string; aliases: string[] };

export type Resolution =
  | { kind: 'member'; member: MemberState }
  | { kind: 'unknown'; candidates: Candidate[] }
  | { kind: 'ambiguous'; candidates: Candidate[] };

/**
 * A member referred to by id, name or alias (case-, diacritics- and whitespace-insensitive). When a name
 * fits several members and `on` is given, the one who can have been in office that day is taken, if
 * exactly one can. An unknown name comes back with the nearest names as candidates.
 */
export function resolveMember(state: CouncilState, reference: string, on?: ValidDate): Resolution {
  const byId = state.members.get(reference);
  if (byId) return { kind: 'member', member: byId };
  const key = normalizeName(reference);
  const ids = [...(state.nameIndex.get(key) ?? [])];
  const matches = ids.map((id) => state.members.get(id)).filter((m): m is MemberState => m !== undefined);
  if (matches.length === 1) return { kind: 'member', member: matches[0] };
  if (matches.length > 1) {
    const possible = on ? matches.filter((m) => inOffice(m, on) !== 'no') : [];
    if (possible.length === 1) return { kind: 'member', member: possible[0] };
    return { kind: 'ambiguous', candidates: matches.map(candidate) };
  }
  return { kind: 'unknown', candidates: nearest(state, key) };
}

/** Like resolveMember, but an unknown or ambiguous reference is a NameResolutionError naming `field`. */
export function resolveOrThrow(state: CouncilState, field: string, reference: string, on?: ValidDate): MemberState {
  const resolution = resolveMember(state, reference, on);
  if (resolution.kind === 'member') return resolution.member;
  throw new NameResolutionError(field, reference, resolution.candidates);
}

function candidate(member: MemberState): Candidate {
  return { memberId: member.memberId, name: member.name, aliases: member.aliases };
}

/** Up to three members whose name or alias is close (edit distance) or shares a word with the reference. */
function nearest(state: CouncilState, key: string): Candidate[] {
  const words = new Set(key.split(' ').filter((w) => w.length > 2));
  const scored: Array<{ member: MemberState; score: number }> = [];
  for (const member of state.members.values()) {
    let best = Infinity;
    for (const name of [member.name, ...member.aliases, member.memberId]) {
      const other = normalizeName(name);
      const distance = levenshtein(key, other);
      const sharesWord = other.split(/[ -]/).some((w) => words.has(w));
      const score = sharesWord ? Math.min(distance, 100) - 100 : distance;
      best = Math.min(best, score);
    }
    const limit = Math.max(2, Math.floor(key.length / 3));
    if (best < 0 || best <= limit) scored.push({ member, score: best });
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => candidate(s.member));
}
