import { COUNCIL_EVENT_TYPES, CouncilEvent, CouncilEventType, EventMetadataV1, MotionMode, SCHEMA_VERSION, motionModeOf } from './events';

/**
 * Upcasters turn an event written with an older schema version into the current shape, one version at
 * a time, when it is read. Stored events are never rewritten. Register one per (type, fromVersion):
 * e.g. `'MemberElected@1': (data) => ({ ...data, aliases: data.aliases ?? [] })` when version 2 lands.
 */
type Upcaster = (data: Record<string, unknown>, metadata: EventMetadataV1) => Record<string, unknown>;

export const UPCASTERS: Record<string, Upcaster> = {
  /** Schema 1 → 2: a motion's mode, from its `online` flag and meeting (motionModeOf). */
  'MotionTabled@1': (data) => ({ ...data, mode: motionModeOf(data as { online?: boolean; meetingId?: string; mode?: MotionMode }) }),
};

export function isCouncilEventType(type: string): type is CouncilEventType {
  return (COUNCIL_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * An event as the domain reads it back from a store: the domain's own view of a stored event, so that it
 * imports nothing from the store's port (any adapter's RecordedEvent fits it structurally).
 */
export interface StoredEvent {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
}

export function upcast(event: StoredEvent): CouncilEvent | undefined {
  if (!isCouncilEventType(event.type)) return undefined;
  const metadata = (event.metadata ?? {}) as unknown as EventMetadataV1;
  let version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  let data = event.data as Record<string, unknown>;
  while (version < SCHEMA_VERSION) {
    const upcaster = UPCASTERS[`${event.type}@${version}`];
    if (upcaster) data = upcaster(data, metadata);
    version += 1;
  }
  return {
    id: event.id,
    type: event.type,
    data,
    metadata: { ...metadata, schemaVersion: SCHEMA_VERSION },
    position: event.position,
    revision: event.revision,
    recordedAt: event.recordedAt,
  } as unknown as CouncilEvent;
}
