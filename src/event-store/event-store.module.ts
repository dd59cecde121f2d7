import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { EventStoreDbEventStore } from './eventstoredb/esdb-event-store';
import { SERVICE_STREAM_PREFIXES } from './eventstoredb/service-streams';

/** The embedded store's file in DATA_DIR. */
export function eventStorePath(dataDir: string): string {
  return join(dataDir, 'events.sqlite');
}

export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStore === 'eventstoredb') {
    const logger = new Logger('EventStoreDB');
    return new EventStoreDbEventStore({
      connectionString: config.eventstoreConnectionString!,
      maxEventBytes: config.maxEventBytes,
      maxAppendBytes: config.maxAppendBytes,
      streamPrefixes: SERVICE_STREAM_PREFIXES,
      log: { warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    });
  }
  return new SqliteEventStore({
    path: eventStorePath(config.dataDir),
    synchronous: config.sqliteSynchronous,
    maxEventBytes: config.maxEventBytes,
    maxAppendBytes: config.maxAppendBytes,
  });
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const store = createEventStore(config);
        // A secure cluster without the right to read $all fails here, with the right it needs.
        if (store instanceof EventStoreDbEventStore) await store.verifyAccess();
        return store;
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
