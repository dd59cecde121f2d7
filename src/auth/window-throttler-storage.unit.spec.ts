import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage', () => {
  let storage: WindowThrottlerStorage;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    storage = new WindowThrottlerStorage();
  });
  afterEach(() => {
    storage.onModuleDestroy();
    jest.useRealTimers();
  });

  it('counts hits per key and throttler, blocks past the limit until the window ends', async () => {
    for (let i = 1; i <= 3; i++) expect(await storage.increment('ip', 60_000, 3, 60_000, 'address')).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'token')).toMatchObject({ totalHits: 1, isBlocked: false });
    const blocked = await storage.increment('ip', 60_000, 3, 60_000, 'address');
    expect(blocked).toMatchObject({ totalHits: 4, isBlocked: true });
    expect(blocked.timeToBlockExpire).toBe(60);
    jest.advanceTimersByTime(30_000);
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'address')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.advanceTimersByTime(30_000);
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'address')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
