/**
 * The paths the web explorer (web/src/router.tsx) has a page for. The server answers them with the app
 * (200); any other path outside /api that is not a file answers 404, still with the app, which shows its
 * own "Not found" page. A new explorer page adds its pattern here (and to docs/explorer.md).
 */
const SEGMENT = '[^/]+';
export const EXPLORER_ROUTES: readonly string[] = [
  '/',
  '/index.html',
  '/councils/:councilId',
  '/councils/:councilId/timeline',
  '/councils/:councilId/record',
  '/councils/:councilId/members/:memberId',
  '/votings/:votingId',
];

const PATTERNS = EXPLORER_ROUTES.map((route) => new RegExp(`^${route.replace(/\./g, '\\.').replace(/:[A-Za-z]+/g, SEGMENT)}/?$`));

/** Is `path` (the URL path, without the query) one of the explorer's pages? */
export function isExplorerRoute(path: string): boolean {
  return PATTERNS.some((p) => p.test(path));
}
