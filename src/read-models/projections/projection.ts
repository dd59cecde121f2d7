import type { Database } from 'better-sqlite3';
import { CouncilEvent } from '../../council/domain/events';

/**
 * A council event as projections receive it: upcast, with the council its stream belongs to, and `json`, the
 * JSON text of its data and metadata as the store holds them, when the store read them as text and upcasting
 * changed neither (an event at the current schema version).
 */
export type ProjectedEvent = CouncilEvent & { councilId: string; json?: { data: string; metadata: string } };

/** Applies one event to the projection's tables; runs inside the batch transaction, so it must be synchronous. */
export type ProjectionHandler = (event: ProjectedEvent) => void;

/**
 * A read model: its tables (created by `ddl`, dropped on rebuild) and how an event changes them.
 * `init` is called once per database connection, so it can prepare its statements.
 * Projections run in registration order on each event; the core projection runs first, so later ones may
 * read the core tables (facts, members...) already updated for the event they are given.
 * Changing `version` (or adding/removing a projection) makes the next start rebuild every read model.
 */
export interface Projection {
  name: string;
  version?: number;
  tables: readonly string[];
  ddl?: string;
  init(db: Database, context?: ProjectionContext): ProjectionHandler;
}

export interface ProjectionContext {
  /**
   * True in a rebuild: the tables start empty and the core tables lack most secondary indexes until the
   * end (queries on them still answer, only slower), and a failed batch ends the rebuild.
   */
  rebuild?: boolean;
}

const registered: Projection[] = [];

/**
 * Adds a projection to every runner started afterwards (the app's and `npm run rebuild`'s). Call it at
 * module load, e.g. at the top of analytics.module.ts. Registering a name twice replaces the first.
 */
export function registerProjection(projection: Projection): void {
  const index = registered.findIndex((p) => p.name === projection.name);
  if (index >= 0) registered[index] = projection;
  else registered.push(projection);
}

export function registeredProjections(): readonly Projection[] {
  return registered;
}

export function projectionSignature(projections: readonly Projection[]): string {
  return projections.map((p) => `${p.name}@${p.version ?? 1}`).join(',');
}
