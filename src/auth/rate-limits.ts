import { ThrottlerModule } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WindowThrottlerStorage } from './window-throttler-storage';

/**
 * Two limits, both configurable: per client address for requests without a valid token, and per valid
 * bearer token (RateLimitGuard picks which one a request counts against; health is never limited). Exceeding either answers 429 as a problem document.
 * Each limit counts all routes together (`generateKey`): the throttler's default key is per route, which
 * would let a client multiply its budget by the number of routes (e.g. when guessing tokens).
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    storage: new WindowThrottlerStorage(),
    throttlers: [
      {
        name: 'address',
        ttl: config.rateLimit.ttlMs,
        limit: config.rateLimit.limitPerAddress,
        getTracker: (req: Record<string, any>) => String(req.ip ?? req.socket?.remoteAddress ?? 'unknown'),
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      },
      {
        name: 'token',
        ttl: config.rateLimit.ttlMs,
        limit: config.rateLimit.limitPerToken,
        getTracker: (req: Record<string, any>) =>
          createHash('sha256').update(String(req.headers.authorization)).digest('hex').slice(0, 32),
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      },
    ],
    errorMessage: (_context, detail) =>
      `Too many requests: the limit is ${detail.limit} per ${Math.round(detail.ttl / 1000)} s; retry after ${Math.ceil(detail.timeToBlockExpire)} s.`,
  }),
});
