import { EVENT_STORE, EventStore } from '../../../src/event-store/event-store.port';
import { ADMIN, TestApp, startTestApp } from '../../helpers/test-app';

export const ADMIN_TOKEN = ADMIN;

export interface SecurityApp extends TestApp {
  /** The event store's last global position, read through the EVENT_STORE provider ("none" for an empty store). */
  headPosition(): Promise<string>;
}

/** The real app on the real SQLite store in a temp folder (test/helpers/test-app.ts), plus the store's head. */
export async function startSecurityApp(env: Record<string, string> = {}): Promise<SecurityApp> {
  const t = await startTestApp(env);
  const store = t.app.get<EventStore>(EVENT_STORE);
  return Object.assign(t, {
    async headPosition() {
      return (await store.headPosition())?.toString() ?? 'none';
    },
  });
}
