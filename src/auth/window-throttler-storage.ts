import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  startedAt: number;
  hits: number;
  blockedUntil: number;
}

/**
 * Rate-limit counters in O(1) per request: one fixed window per key (address or token) and limit.
 * The library's default storage keeps a timestamp per hit and filters them all on every request, which
 * under load costs time proportional to the limit; a counter per window is exact enough for abuse
 * control and costs the same at 6,000 hits a minute as at 6.
 */
@Injectable()
export class WindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || now - window.startedAt >= ttl) {
      window = { startedAt: now, hits: 0, blockedUntil: window && window.blockedUntil > now ? window.blockedUntil : 0 };
      this.windows.set(id, window);
    }
    const blocked = window.blockedUntil > now;
    if (!blocked) {
      window.hits += 1;
      if (window.hits > limit) window.blockedUntil = Math.max(now + (blockDuration > 0 ? blockDuration : 0), window.startedAt + ttl);
    }
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.startedAt + ttl - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil((window.blockedUntil - now) / 1000)) : 0,
    };
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now = Date.now()): void {
    for (const [id, window] of this.windows) {
      if (window.blockedUntil <= now && now - window.startedAt > 10 * 60_000) this.windows.delete(id);
    }
  }
}
