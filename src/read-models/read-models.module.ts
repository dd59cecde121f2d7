import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ANALYTICS_CONTROLLERS } from './analytics/analytics.controller';
import { CouncilReads } from './council-reads';
import { CouncilRecordsController } from './http/council-records.controller';
import { CouncilsReadController } from './http/councils.controller';
import { CouncilStateController } from './http/council-state.controller';
import { MinPositionInterceptor } from './http/min-position.interceptor';
import { ProjectionRunner, ReadDatabaseMismatchError } from './projection-runner';
import { ProjectionsController } from './operations/projections.controller';
import { PROJECTION_STATUS } from './projection-status';
import { Projection } from './projections/projection';
import { READ_DATABASE, allProjections, openReadDatabase, readDatabasePath } from './read-database';
import { closeLocked, openLocked } from './read-database-lock';

/** The projections the runner applies: the core read models, then every registerProjection() one. */
export const PROJECTIONS = Symbol('PROJECTIONS');

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
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_DATABASE, PROJECTIONS],
      useFactory: (store: EventStore, db: Database, projections: Projection[]) =>
        new ProjectionRunner(store, db, projections, { log: new Logger('Projections') }),
    },
    { provide: PROJECTION_STATUS, useExisting: ProjectionRunner },
    CouncilReads,
    MinPositionInterceptor,
  ],
  exports: [PROJECTION_STATUS, READ_DATABASE, PROJECTIONS, CouncilReads],
})
export class ReadModelsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_DATABASE) private readonly db: Database,
  ) {}

  /**
   * Refuses to start on a read database built from another store (ReadDatabaseMismatchError, with the fix
   * in its message); a store that does not answer yet is left to the runner, which retries.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.runner.verifyStore();
    } catch (error) {
      if (error instanceof ReadDatabaseMismatchError) throw error;
    }
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    closeLocked(this.db);
  }
}
