import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { eventStorePath } from '../event-store/event-store.module';
import { ANALYTICS_CONTROLLERS } from './analytics/analytics.controller';
import { CouncilReads } from './council-reads';
import { CouncilRecordsController } from './http/council-records.controller';
import { CouncilsReadController } from './http/councils.controller';
import { CouncilStateController } from './http/council-state.controller';
import { MinPositionInterceptor } from './http/min-position.interceptor';
import { ProjectionRunner } from './projection-runner';
import { ReadDatabaseMismatchError } from './projection-failures';
import { ProjectionWorkerHost } from './projection-worker-host';
import { ProjectionsController } from './operations/projections.controller';
import { PROJECTION_STATUS, ProjectionStatus } from './projection-status';
import { Projection } from './projections/projection';
import { BoundedReads } from './bounded/bounded-reads';
import { READ_DATABASE, allProjections, openReadDatabase, readDatabasePath } from './read-database';
import { closeLocked, openLocked } from './read-database-lock';

/** The projections the runner applies: the core read models, then every registerProjection() one. */
export const PROJECTIONS = Symbol('PROJECTIONS');

/** The projections as the module starts and stops them, on the main thread or in a worker. */
interface ProjectionEngine {
  status: ProjectionStatus;
  /** Rejects with ReadDatabaseMismatchError when the read database belongs to another store. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
const PROJECTION_ENGINE = Symbol('PROJECTION_ENGINE');

function createEngine(config: AppConfig, store: EventStore, db: Database, projections: Projection[]): ProjectionEngine {
  const log = new Logger('Projections');
  // Projections registered by code outside this repository cannot be handed to a worker thread.
  const inWorker = config.projectionsInWorker && projections.every((p) => allProjections([]).some((core) => core.name === p.name));
  if (inWorker) {
    const host = new ProjectionWorkerHost(store, db, projections, {
      log: { error: (m) => log.error(m), warn: (m) => log.warn(m), log: (m) => log.log(m) },
      worker: {
        readPath: readDatabasePath(config.dataDir),
        store:
          config.eventStore === 'sqlite'
            ? { kind: 'sqlite', path: eventStorePath(config.dataDir), synchronous: config.sqliteSynchronous }
            : { kind: 'eventstoredb', connectionString: config.eventstoreConnectionString! },
      },
    });
    return { status: host, start: () => host.start(), stop: () => host.stop() };
  }
  const runner = new ProjectionRunner(store, db, projections, { log });
  return {
    status: runner,
    async start() {
      try {
        await runner.verifyStore();
      } catch (error) {
        // A store that does not answer yet is left to the runner, which retries.
        if (error instanceof ReadDatabaseMismatchError) throw error;
      }
      runner.start();
    },
    stop: () => runner.stop(),
  };
}

/**
 * The read side: the projection runner (fed by the event store's subscription, checkpointed in
 * DATA_DIR/read.sqlite), the read endpoints, and PROJECTION_STATUS for health and read-after-write.
 * Needs APP_CONFIG and EVENT_STORE from global modules.
 */
@Module({
  controllers: [CouncilsReadController, CouncilStateController, CouncilRecordsController, ProjectionsController, ...ANALYTICS_CONTROLLERS],
  providers: [
    { provide: PROJECTIONS, useFactory: (): Projection[] => allProjections() },
    {
      provide: READ_DATABASE,
      inject: [APP_CONFIG, PROJECTIONS],
      useFactory: (config: AppConfig, projections: Projection[]) => {
        const path = readDatabasePath(config.dataDir);
        return openLocked(path, () => openReadDatabase(path, projections));
      },
    },
    {
      provide: PROJECTION_ENGINE,
      inject: [APP_CONFIG, EVENT_STORE, READ_DATABASE, PROJECTIONS],
      useFactory: createEngine,
    },
    { provide: PROJECTION_STATUS, inject: [PROJECTION_ENGINE], useFactory: (engine: ProjectionEngine) => engine.status },
    CouncilReads,
    BoundedReads,
    MinPositionInterceptor,
  ],
  exports: [PROJECTION_STATUS, READ_DATABASE, PROJECTIONS, CouncilReads],
})
export class ReadModelsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
    @Inject(READ_DATABASE) private readonly db: Database,
  ) {}

  /**
   * Refuses to start on a read database built from another store (ReadDatabaseMismatchError, with the fix
   * in its message); a store that does not answer yet is left to the runner, which retries.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    closeLocked(this.db);
  }
}
