import { evolve } from '../domain/evolve';
import { CouncilEvent } from '../domain/events';
import { CouncilEventType } from '../domain/events';
import { CouncilState, RecordedRequest, initialState } from '../domain/state';
import { undoOfFact } from '../domain/undo';

/** The cached council a writer decides on: its state and the id of the event at `state.revision`. */
export interface SpeculativeEntry {
  state: CouncilState;
  lastEventId?: string;
}

/**
 * What one request's decisions evolved into a cached council state before they were appended, so that a
 * refused request (a batch item breaking a rule, a batch over MAX_APPEND_BYTES) can be undone in memory
 * instead of dropping the cached council, which the next request would have to read back from the store.
 * Before each fact is applied, its exact inverse is taken (`undoOfFact`); undoing runs them in reverse and
 * removes the request's facts, so it costs what the request did, not what the council holds (no I/O).
 * A fact without an inverse falls back to rebuilding the indexes from the facts that remain. A request
 * that decided a correction or retraction (which edit facts in place) is not undone: the caller drops the
 * entry instead, as before.
 */
export class Speculation {
  private readonly revision: bigint | undefined;
  private readonly position: bigint | undefined;
  private readonly lastEventId: string | undefined;
  private readonly added: string[] = [];
  /** Inverses of the facts applied so far, in order; undefined once one had none (rebuild instead). */
  private undos: Array<() => void> | undefined = [];
  private readonly requests = new Map<string, RecordedRequest | undefined>();
  private editsFacts = false;

  constructor(private readonly entry: SpeculativeEntry) {
    this.revision = entry.state.revision;
    this.position = entry.state.position;
    this.lastEventId = entry.lastEventId;
  }

  /** Call before evolving each of the request's events into the entry's state. */
  before(event: { id: string; type: CouncilEventType; data: unknown; idempotencyKey?: string }): void {
    const key = event.idempotencyKey;
    if (key !== undefined && !this.requests.has(key)) {
      const known = this.entry.state.requests.get(key);
      this.requests.set(key, known && { ...known, eventIds: [...known.eventIds] });
    }
    if (event.type === 'FactRetracted' || event.type === 'FactCorrected') this.editsFacts = true;
    else {
      this.added.push(event.id);
      const undo = this.undos && undoOfFact(this.entry.state, event.type, event.data);
      if (undo) this.undos!.push(undo);
      else this.undos = undefined;
    }
  }

  /**
   * Puts the entry back as it was before the request; false when it cannot (drop the entry instead). The
   * facts' inverses run in reverse order; when one fact had none, the indexes are rebuilt from the remaining
   * facts, in record order, as evolve() built them, and the event loop runs every `sliceMs` meanwhile
   * (`pause`): the caller keeps other writes to the council waiting.
   */
  async undo(pause: () => Promise<void>, sliceMs: number): Promise<boolean> {
    if (this.editsFacts) return false;
    const state = this.entry.state;
    for (const [key, before] of this.requests) {
      if (before) state.requests.set(key, before);
      else state.requests.delete(key);
    }
    if (this.added.length > 0 && this.undos) {
      for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]();
      for (const id of this.added) state.facts.delete(id);
    } else if (this.added.length > 0) {
      for (const id of this.added) state.facts.delete(id);
      const rebuilt = initialState();
      let since = performance.now();
      for (const [eventId, fact] of state.facts) {
        if (performance.now() - since >= sliceMs) {
          await pause();
          since = performance.now();
        }
        // The effective type and data, as rebuildIndexes applies them; then the fact as it was recorded.
        evolve(rebuilt, { type: fact.type, data: fact.data, id: eventId, metadata: {}, revision: 0n, position: 0n } as unknown as CouncilEvent);
        rebuilt.facts.set(eventId, { ...fact, corrections: [...fact.corrections] });
      }
      rebuilt.retracted = state.retracted;
      rebuilt.requests = state.requests;
      this.entry.state = rebuilt;
    }
    this.entry.state.revision = this.revision;
    this.entry.state.position = this.position;
    this.entry.lastEventId = this.lastEventId;
    return true;
  }
}
