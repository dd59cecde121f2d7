import { SCHEMA_VERSION, councilIdOfStream } from '../council/domain/events';
import { upcast } from '../council/domain/upcasting';
import { RecordedEvent } from '../event-store/event-store.port';
import { ProjectedEvent } from './projections/projection';

/** A council event as the projections take it (upcast, with its council id and stored JSON); undefined for another stream's. */
export function toProjected(recorded: RecordedEvent): ProjectedEvent | undefined {
  const councilId = councilIdOfStream(recorded.streamId);
  const event = councilId === undefined ? undefined : upcast(recorded);
  if (!event) return undefined;
  // At the current schema version upcasting keeps data and metadata as they are (it only restates the version).
  const current = (recorded.metadata as { schemaVersion?: unknown }).schemaVersion === SCHEMA_VERSION;
  return Object.assign(event, { councilId, json: current ? recorded.json : undefined }) as ProjectedEvent;
}
