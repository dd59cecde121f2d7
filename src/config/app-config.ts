import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'eventstoredb';
  eventstoreConnectionString?: string;
  adminToken?: string;
  readAccess: 'public' | 'token';
  sqliteSynchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  maxEventBytes: number;
  bodyLimitBytes: number;
  /** Body limit of POST .../batch (BATCH_BODY_LIMIT_BYTES; default 2 × MAX_APPEND_BYTES: a batch's JSON is about as large as its events). */
  batchBodyLimitBytes: number;
  /** Largest append (all events of one request or batch), the same on both stores (MAX_APPEND_BYTES). */
  maxAppendBytes: number;
  rateLimit: { ttlMs: number; limitPerToken: number; limitPerAddress: number };
  corsOrigins: string[] | '*' | undefined;
  logLevel: string;
  /** Longest a read with ?minPosition= waits for the projections. */
  minPositionWaitMs: number;
  /** Signs list cursors (CURSOR_SECRET); random per process when absent. Set it when several instances serve one API. */
  cursorSecret?: string;
  /** Attempts of a command whose append loses a race before it answers 409. */
  commandRetries: number;
  /** The built web explorer served at `/` (WEB_DIR, default dist/web of the repository). */
  webDir: string;
  /**
   * GET /api/health/ready answers 503 while the projections are further behind the store than this, in the
   * unit health reports lag in (SQLite: events; EventStoreDB: log bytes). Default 1000 / 1 000 000.
   */
  readyMaxLag: number;
  /**
   * Run the projections in a worker thread of their own (PROJECTIONS_IN_WORKER, default true), so that
   * applying events to the read database never holds up the writes and reads served by the main thread.
   * `false` runs them on the main thread, as before.
   */
  projectionsInWorker: boolean;
  /** Reads whose work grows with the record: worker threads, wait, time and memory budgets (BOUNDED_READ_*). */
  boundedReads: { waitMs: number; timeoutMs: number; memoryMb: number; workers: number };
  /**
   * Votings: registrations per client address and voting within a window (VOTING_REGISTRATIONS_PER_ADDRESS,
   * VOTING_REGISTRATION_WINDOW_MS), and voters per voting (VOTING_MAX_VOTERS).
   */
  votingRegistration: { perAddress: number; windowMs: number; maxVoters: number };
  /** Votings: ballots gathered in the pool before a batch leaves it for the store (at least the voting's minBatch). */
  votingBatchTarget: number;
  /**
   * Most individual votes in one page of `GET .../motions?votes=true` (READ_PAGE_VOTES, default 20,000): a
   * page stops before the motion that would pass it, never before its first motion (decision 46).
   */
  readPageVotes: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = (name === 'SQLITE_SYNCHRONOUS' ? raw.toUpperCase() : raw) as T;
  if (!allowed.includes(value)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${raw}`);
  return value;
}

/** The folder holding package.json, whether this runs from src/ or from dist/src/. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Configuration comes from the environment only (see docs/API.md "Configuration"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite');
  const eventstoreConnectionString = env.EVENTSTORE_CONNECTION_STRING || undefined;
  if (eventStore === 'eventstoredb' && !eventstoreConnectionString) {
    throw new ConfigError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://localhost:2113?tls=false');
  }
  const cors = env.CORS_ORIGINS;
  const maxAppendBytes = int(env, 'MAX_APPEND_BYTES', 1024 * 1024, 1024);
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    eventStore,
    eventstoreConnectionString,
    adminToken: env.ADMIN_TOKEN || undefined,
    readAccess: oneOf(env, 'READ_ACCESS', ['public', 'token'] as const, 'public'),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const, 'FULL'),
    maxEventBytes: int(env, 'MAX_EVENT_BYTES', 1024 * 1024, 1024),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    batchBodyLimitBytes: int(env, 'BATCH_BODY_LIMIT_BYTES', 2 * maxAppendBytes, 1024),
    maxAppendBytes,
    rateLimit: {
      ttlMs: int(env, 'RATE_LIMIT_TTL_MS', 60_000, 1),
      limitPerToken: int(env, 'RATE_LIMIT_PER_TOKEN', 6000, 1),
      limitPerAddress: int(env, 'RATE_LIMIT_PER_ADDRESS', 6000, 1),
    },
    corsOrigins: cors === undefined || cors === '' ? undefined : cors === '*' ? '*' : cors.split(',').map((s) => s.trim()),
    logLevel: env.LOG_LEVEL || 'info',
    minPositionWaitMs: int(env, 'MIN_POSITION_WAIT_MS', 5000, 0),
    commandRetries: int(env, 'COMMAND_RETRIES', 10, 1),
    webDir: resolve(env.WEB_DIR || join(repositoryRoot(), 'dist', 'web')),
    cursorSecret: env.CURSOR_SECRET || undefined,
    readyMaxLag: int(env, 'READY_MAX_LAG', eventStore === 'sqlite' ? 1000 : 1_000_000, 0),
    votingBatchTarget: int(env, 'VOTING_BATCH_TARGET', 200, 1),
    readPageVotes: int(env, 'READ_PAGE_VOTES', 20_000, 1),
    votingRegistration: {
      perAddress: int(env, 'VOTING_REGISTRATIONS_PER_ADDRESS', 20, 1),
      windowMs: int(env, 'VOTING_REGISTRATION_WINDOW_MS', 3_600_000, 1),
      maxVoters: int(env, 'VOTING_MAX_VOTERS', 100_000, 1),
    },
    boundedReads: {
      waitMs: int(env, 'BOUNDED_READ_WAIT_MS', 1000, 0),
      timeoutMs: int(env, 'BOUNDED_READ_TIMEOUT_MS', 30_000, 1),
      memoryMb: int(env, 'BOUNDED_READ_MEMORY_MB', 512, 16),
      workers: int(env, 'BOUNDED_READ_WORKERS', 1, 0),
    },
    projectionsInWorker: oneOf(env, 'PROJECTIONS_IN_WORKER', ['true', 'false'] as const, 'true') === 'true',
  };
}

/** For entry points: the configuration, or a one-line message and exit code 2 when it is invalid. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
