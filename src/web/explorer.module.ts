import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isExplorerRoute } from './explorer-routes';

const EXPLORER_DIR = 'EXPLORER_DIR';

/** Hashed asset names never change content; everything else (index.html) is revalidated to pick up a new build. */
function cacheHeaders(res: Response, path: string): void {
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The web explorer (web/, built by `npm run build` into dist/web) served at `/`. Files are served as they
 * are. A GET or HEAD outside /api that is not a file gets index.html: with 200 on the explorer's own pages
 * (explorer-routes.ts), with 404 anywhere else, so `/no/such/page` is a 404 that still shows the app's
 * "Not found" page. Every path under /api is left to the API (its problem+json 404 included).
 *
 * Mounted in onModuleInit: Nest has mounted the controllers by then and adds its own 404 handler after,
 * so these handlers sit between the two (where @nestjs/serve-static, used before issue 27, put its own).
 */
@Module({})
class ExplorerModule implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(EXPLORER_DIR) private readonly webDir: string,
  ) {}

  onModuleInit(): void {
    const app = this.adapter.httpAdapter.getInstance<express.Express>();
    const index = join(this.webDir, 'index.html');
    app.use(express.static(this.webDir, { index: false, setHeaders: cacheHeaders }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
      cacheHeaders(res, index);
      res.status(isExplorerRoute(req.path) ? 200 : 404).sendFile(index, (err) => {
        if (err && !res.headersSent) next(err);
      });
    });
  }
}

export function explorerModules(webDir: string): DynamicModule[] {
  if (!existsSync(join(webDir, 'index.html'))) {
    new Logger('Explorer').warn(`The web explorer is not built (no ${join(webDir, 'index.html')}): run npm run build`);
    return [];
  }
  return [{ module: ExplorerModule, providers: [{ provide: EXPLORER_DIR, useValue: webDir }] }];
}
