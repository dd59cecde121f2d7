interface Waiter {
  position: bigint;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/**
 * Read-after-write waits on the projections' checkpoint (`?minPosition=`): each wait resolves true once
 * `reached(position)` holds (checked by `settle()` after each applied batch), false when its timeout passes
 * first, and with what is reached when `releaseAll()` ends them all. Used by the runner and by the host of
 * the runner's worker thread.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly reached: (position: bigint) => boolean) {}

  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(this.reached(position));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Answers true, and forgets, every wait whose position is now reached. */
  settle(): void {
    for (const waiter of this.waiters) {
      if (this.reached(waiter.position)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  /** Ends every wait now, answering whether its position is reached, and leaves no timer. */
  releaseAll(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.reached(waiter.position));
    }
    this.waiters.clear();
  }
}
