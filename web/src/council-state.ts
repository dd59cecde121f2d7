/**
 * The council page's state on a date: the default day, and the states already asked for (a date seen
 * before is drawn in the same frame; a write from secretary mode empties the cache).
 */
import { getJson, query, type Council, type CouncilState } from './api';
import { dayFromNumber, dayNumber, edtfBounds, today } from './dates';

const stateCache = new Map<string, Promise<CouncilState>>();
/** States already answered: a date seen before is drawn in the same frame, with no loading state between. */
export const stateAnswers = new Map<string, CouncilState>();
export const stateKey = (councilId: string, at: string, knownAt: string | undefined, minPosition: string | undefined) =>
  `${councilId}|${at}|${knownAt ?? ''}|${minPosition ?? ''}`;
// Secretary mode (a page of its own) announces each write: the states cached before it are out of date.
addEventListener('council-record:recorded', () => {
  stateCache.clear();
  stateAnswers.clear();
});

export function loadState(councilId: string, at: string, knownAt: string | undefined, minPosition: string | undefined): Promise<CouncilState> {
  const key = stateKey(councilId, at, knownAt, minPosition);
  let p = stateCache.get(key);
  if (!p) {
    p = getJson<CouncilState>(`/councils/${encodeURIComponent(councilId)}/state${query({ at, knownAt, minPosition })}`);
    p.then((s) => stateAnswers.set(key, s)).catch(() => stateCache.delete(key));
    stateCache.set(key, p);
  }
  return p;
}

/**
 * The day shown when the URL names none: today while the council is active, else its last day with
 * members (the day before its dissolution, at the earliest the dissolution can mean), never a day when
 * every seat is empty.
 */
export function defaultDay(council: Council): string {
  const founded = edtfBounds(council.foundedOn).earliest;
  const dissolved = edtfBounds(council.dissolvedOn).earliest;
  let day = today();
  if (dissolved && day >= dissolved) day = dayFromNumber(dayNumber(dissolved) - 1);
  if (founded && day < founded) day = founded;
  return day;
}
