import { EventStore } from '../../event-store/event-store.port';
import { StreamNotFoundError } from '../../event-store/errors';
import { evolve } from '../domain/evolve';
import { councilStream } from '../domain/events';
import { CouncilState, initialState } from '../domain/state';
import { upcast } from '../domain/upcasting';

/** A council as the writer decides on it: its state and the id of its last event. */
export interface CachedCouncil {
  state: CouncilState;
  /** Id of the event at `state.revision` (speculative ones included): the append's expectedLastEventId. */
  lastEventId?: string;
}

const MAX_CACHED_COUNCILS = 1000;

/**
 * The councils a writer decides on, kept in memory (the least recently used goes first past
 * MAX_CACHED_COUNCILS), each read from its stream by one load at a time. The writer evolves a cached
 * state speculatively and drops it when an append fails (see CouncilWriter).
 */
export class CouncilCache {
  private readonly cache = new Map<string, CachedCouncil>();
  private readonly loading = new Map<string, Promise<CachedCouncil>>();

  constructor(private readonly store: EventStore) {}

  /** The council's cached entry, else read from its stream (concurrent callers share one load). */
  async entry(councilId: string): Promise<CachedCouncil> {
    const cached = this.cache.get(councilId);
    if (cached) return cached;
    let loading = this.loading.get(councilId);
    if (!loading) {
      loading = this.load(councilId).finally(() => this.loading.delete(councilId));
      this.loading.set(councilId, loading);
    }
    return loading;
  }

  private async load(councilId: string): Promise<CachedCouncil> {
    let state = initialState();
    let lastEventId: string | undefined;
    try {
      for await (const recorded of this.store.readStream(councilStream(councilId))) {
        const event = upcast(recorded);
        if (event) {
          state = evolve(state, event);
          lastEventId = recorded.id;
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const entry: CachedCouncil = { state, lastEventId };
    this.cache.set(councilId, entry);
    if (this.cache.size > MAX_CACHED_COUNCILS) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  /** Least-recently-used order; an entry that was dropped (a failed speculation) is never put back. */
  markRecentlyUsed(councilId: string, entry: CachedCouncil): void {
    if (this.cache.get(councilId) !== entry) return;
    this.cache.delete(councilId);
    this.cache.set(councilId, entry);
  }

  /** Forgets the entry (a failed append, a speculation that cannot be undone) unless another has replaced it. */
  drop(councilId: string, entry: CachedCouncil): void {
    if (this.cache.get(councilId) === entry) this.cache.delete(councilId);
  }
}
