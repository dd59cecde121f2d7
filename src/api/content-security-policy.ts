import type { NextFunction, Request, Response } from 'express';

/**
 * The explorer (everything outside /api) keeps a staff token in sessionStorage, so its pages may run only
 * their own scripts and may not be framed: scripts, styles, images, fonts and requests from this origin
 * only (inline style attributes allowed: the loading placeholder and the charts' SVG use them), no plugins,
 * no <base>, forms to this origin, no framing by any page. API answers are data: nothing may load from
 * them and nothing may frame them. The Swagger page (/api/docs) is only kept from being framed.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const DOCS_CSP = "frame-ancestors 'none'";

export function contentSecurityPolicy(req: Request, res: Response, next: NextFunction): void {
  const path = req.path;
  const policy = path === '/api/docs' || path.startsWith('/api/docs') ? DOCS_CSP : path === '/api' || path.startsWith('/api/') ? API_CSP : EXPLORER_CSP;
  res.setHeader('Content-Security-Policy', policy);
  next();
}
