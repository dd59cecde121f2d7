import { TestApp } from '../helpers/test-app';

/**
 * Requests the bounded-read e2e specs make of their app: a write that must be 201 (its path and body said on
 * failure), a read, and how many bounded jobs have started (`started` spies on the job start). The app and
 * the spy are given as getters: the specs assign them in beforeAll.
 */
export function boundedAppRequests(app: () => TestApp, started: () => jest.SpyInstance) {
  const post = async (path: string, body: object): Promise<{ position: string; eventIds: string[] }> => {
    const res = await app().http().post(path).set(app().admin).send(body);
    expect([path, res.status, res.status === 201 ? undefined : res.body]).toEqual([path, 201, undefined]);
    return res.body;
  };
  const get = (path: string) => app().http().get(path);
  const jobsStarted = () => started().mock.calls.length;
  return { post, get, jobsStarted };
}
