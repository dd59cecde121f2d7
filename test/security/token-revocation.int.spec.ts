import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { TOKEN_CACHE_MAX_AGE_MS, TokenService } from '../../src/auth/token.service';
import { Principal } from '../../src/council/application/request-context';

/** Two TokenService instances on one store stand for two app instances sharing the event store. */
describe('TokenService across instances (integration, real SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const admin: Principal = { tokenId: 'admin-token-env', role: 'admin' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function instance(): Promise<TokenService> {
    const service = new TokenService(store, loadConfig({ DATA_DIR: dir }));
    await service.onModuleInit();
    return service;
  }

  it('a token revoked on one instance stops working on another within the cache age', async () => {
    const a = await instance();
    const b = await instance();
    const { token, tokenId } = await a.issue({ role: 'secretary', label: 'shared' }, admin);
    expect(await b.authenticate(token)).toMatchObject({ tokenId, role: 'secretary' }); // b learns it (unknown token)

    expect(await a.revoke(tokenId, admin)).toBe(true);
    expect(await a.authenticate(token)).toBeUndefined();

    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + TOKEN_CACHE_MAX_AGE_MS + 1);
    expect(await b.authenticate(token)).toBeUndefined();
  });

  it('concurrent authentications on a stale cache share one read of the tail', async () => {
    const a = await instance();
    const b = await instance();
    const { token } = await a.issue({ role: 'analyst' }, admin);
    await b.authenticate(token);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + TOKEN_CACHE_MAX_AGE_MS + 1);
    const reads = jest.spyOn(store, 'readStream');
    const results = await Promise.all(Array.from({ length: 10 }, () => b.authenticate(token)));
    expect(results.every((p) => p?.role === 'analyst')).toBe(true);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[0][1]).toMatchObject({ fromRevision: 1n }); // only the tail after what it has
  });
});
