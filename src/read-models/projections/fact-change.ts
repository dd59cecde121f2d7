import { FactType, FactVersion } from './facts';
import { Stamp } from './stamp';

/** One fact entering, changing or leaving the record, as the derived tables see it. */
export interface FactChange {
  councilId: string;
  factId: string;
  before?: FactVersion;
  after?: FactVersion;
  stamp: Stamp;
}

/** The facts currently on record for a subject, in record order (by where each fact first entered it). */
export type CurrentFacts = (councilId: string, subject: string) => FactVersion[];

export type DerivedProjector = (change: FactChange) => void;

export function touches(change: FactChange, types: readonly FactType[]): boolean {
  return (change.before !== undefined && types.includes(change.before.type)) || (change.after !== undefined && types.includes(change.after.type));
}

export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
export const int = (value: number | undefined | null): number | null => (typeof value === 'number' ? value : null);
export const flag = (value: boolean | undefined): number => (value ? 1 : 0);
