import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WindowThrottlerStorage } from './window-throttler-storage';
import { addressKey, knownPrincipal } from './request-principal';

/**
 * Two limits, both configurable: per client address (an IPv6 address by its /64) for requests without a
 * valid token, and per valid bearer token (by its token id) (RateLimitGuard picks which one a request counts against; health is never limited). Exceeding either answers 429 as a problem document.
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
        getTracker: (req: Record<string, any>) => addressKey(String(req.ip ?? req.socket?.remoteAddress ?? 'unknown')),
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      },
      {
        name: 'token',
        ttl: config.rateLimit.ttlMs,
        limit: config.rateLimit.limitPerToken,
        // The token the request authenticated as (RateLimitGuard asked first), not the header's spelling.
        getTracker: async (req: Record<string, any>) => (await knownPrincipal(req))?.tokenId ?? 'none',
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      },
    ],
    errorMessage: (_context, detail) =>
      `Too many requests: the limit is ${detail.limit} per ${Math.round(detail.ttl / 1000)} s; retry after ${Math.ceil(detail.timeToBlockExpire)} s.`,
  }),
});
