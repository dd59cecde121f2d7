/** The decision rules the API takes on a motion (POST /motions `rule`); the first two are also council rules. */
export type MotionRule = 'majority-of-members' | 'majority-of-present' | 'two-thirds-of-present' | 'two-thirds-of-members' | { atLeast: number };

export const COUNCIL_RULES = ['majority-of-members', 'majority-of-present'] as const;
const NAMED = ['majority-of-members', 'majority-of-present', 'two-thirds-of-present', 'two-thirds-of-members'] as const;

export const ruleText = (r: MotionRule): string => (typeof r === 'string' ? r : `at least ${r.atLeast}`);

/** `--rule`: a rule's name, or `atLeast:N`. */
export function parseRule(text: string): MotionRule | undefined {
  if ((NAMED as readonly string[]).includes(text)) return text as MotionRule;
  const n = /^at-?least[:=]?(\d+)$/i.exec(text)?.[1];
  return n !== undefined && Number(n) >= 1 ? { atLeast: Number(n) } : undefined;
}

/**
 * A publisher's requirement ("simple majority", "all representatives majority", "Quorum Simple",
 * "Reforma Constitucional 3/5 … en ejercicio", …) as one of the API's rules, with how it was read.
 * Fractions of the members the API has no name for become `{ atLeast }` of the seats (said in `how`).
 * Undefined when the text names no rule this knows: the council's rule then applies.
 */
export function ruleOfRequirement(requirement: string, seats: number): { rule: MotionRule; how: string } | undefined {
  const r = requirement.toLowerCase();
  const ofMembers = /member|representatives|all |en ejercicio|miembros|diputados|senators|senadores|in office/.test(r);
  const fraction = (num: number, den: number, words: string) => ({
    rule: { atLeast: Math.ceil((num * seats) / den) },
    how: `${words} of the ${seats} seats = at least ${Math.ceil((num * seats) / den)}${ofMembers ? ' (the source says of the members in office; the seats are the most in office at once)' : ''}`,
  });
  if (/two[- ]thirds|2\/3|dos tercios/.test(r)) return { rule: ofMembers ? 'two-thirds-of-members' : 'two-thirds-of-present', how: `two thirds of the ${ofMembers ? 'members' : 'present'}` };
  if (/three[- ]fifths|3\/5|tres quintos/.test(r)) return fraction(3, 5, 'three fifths');
  if (/four[- ]sevenths|4\/7|cuatro s[eé]ptimos|org[aá]nica constitucional/.test(r)) return fraction(4, 7, 'four sevenths (an organic constitutional law)');
  if (/absolute|calificado|all representatives|all members|majority of (all )?(the )?members|mayor[ií]a absoluta/.test(r)) return { rule: 'majority-of-members', how: 'a majority of the members' };
  if (/simple|relative|^majority$|qu[oó]rum simple|mayor[ií]a simple/.test(r)) return { rule: 'majority-of-present', how: 'a majority of those present' };
  return undefined;
}
