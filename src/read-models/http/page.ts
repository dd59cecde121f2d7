import type { Request, Response } from 'express';
import { Page } from '../queries/paging';

/**
 * Answers a page: its rows as the body and, when more remain, `Link: <same query with cursor>; rel="next"`
 * (RFC 8288). The link repeats the request's own path and query, so filters and record time carry over.
 */
export function sendPage<T>(req: Request, res: Response, page: Page<T>, encode: (cursor: NonNullable<Page<T>['next']>) => string): T[] {
  // The record position every page of this walk reads at: `?knownAtPosition=` of it gives the same rows.
  if (page.position !== undefined) res.setHeader('X-Record-Position', String(page.position));
  if (page.next) {
    const url = new URL(req.originalUrl, 'http://x');
    url.searchParams.set('cursor', encode(page.next));
    url.searchParams.delete('minPosition');
    res.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.rows;
}
