/** The record time at which a change happens: the event's global position and its recorded time. */
export interface Stamp {
  position: number;
  ms: number;
}

/** SQLite stores positions as 64-bit integers; JavaScript numbers hold them exactly below 2^53. */
export function positionNumber(position: bigint): number {
  return Number(position);
}
