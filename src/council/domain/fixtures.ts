/** Test fixtures: a council shaped like the Coordination Council (45 seats: 30 general + 3 × 5). */
import { GivenEvent } from './given-when-then';

export const founded: GivenEvent = {
  type: 'CouncilFounded',
  id: 'founded',
  data: {
    councilId: 'cs',
    name: 'Coordination Council',
    foundedOn: '2012-10-22',
    seats: 45,
    curiae: [
      { key: 'general', name: 'General list', seats: 30 },
      { key: 'left', name: 'Left-wing forces', seats: 5 },
      { key: 'liberal', name: 'Liberal forces', seats: 5 },
      { key: 'nationalist', name: 'Nationalist forces', seats: 5 },
    ],
    rules: { quorum: 'majority-of-members', decision: 'majority-of-members' },
  },
};

export function elected(
  memberId: string,
  opts: { name?: string; curia?: string; electedOn?: string; aliases?: string[] } = {},
): GivenEvent {
  return {
    type: 'MemberElected',
    id: `elected-${memberId}`,
    data: {
      memberId,
      name: opts.name ?? memberId,
      aliases: opts.aliases ?? [],
      curia: opts.curia ?? 'general',
      electedOn: opts.electedOn ?? '2012-10-22',
    },
  };
}

export function left(memberId: string, leftOn: string): GivenEvent {
  return { type: 'MemberLeft', id: `left-${memberId}`, data: { memberId, leftOn } };
}

/** n general-list members g1..gn elected 2012-10-22 (n ≤ 30), and the rest in the 5-seat curiae. */
export function members(n: number): GivenEvent[] {
  const curiae = ['general', 'left', 'liberal', 'nationalist'];
  const seats = [30, 5, 5, 5];
  const events: GivenEvent[] = [];
  let made = 0;
  curiae.forEach((curia, c) => {
    for (let i = 1; i <= seats[c] && made < n; i += 1, made += 1) events.push(elected(`${curia}-${i}`, { curia }));
  });
  return events;
}

/** The full council of 45, with k general-list members having left on `leftOn`. */
export function councilWithDepartures(k: number, leftOn = '2013-06-01'): GivenEvent[] {
  return [founded, ...members(45), ...Array.from({ length: k }, (_, i) => left(`general-${i + 1}`, leftOn))];
}

export const MARAT = 'Marat Davletbaev';
export const NATALYA = 'Natalya Chernysheva';

/**
 * Two motions opened online on 16 February 2013: a yes/no question (`programme`) and a choice between two
 * candidates (`secretary`, MARAT or NATALYA). The DecideMotion specs judge both kinds on the same figures.
 */
export const questionAndChoice: GivenEvent[] = [
  { type: 'MotionTabled', data: { motionId: 'programme', title: 'Programmatic statement', kind: 'statement', openedOn: '2013-02-16', online: true } },
  {
    type: 'MotionTabled',
    data: { motionId: 'secretary', title: 'Responsible secretary', kind: 'appointment', openedOn: '2013-02-16', online: true, options: [MARAT, NATALYA] },
  },
];
