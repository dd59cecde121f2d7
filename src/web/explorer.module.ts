import { DynamicModule, Logger } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web explorer (web/, built by `npm run build` into dist/web) served at `/`. Every path under /api is
 * excluded, so the API's own routes and its problem+json 404 for unknown /api paths are untouched; any
 * other path that is not a file gets index.html (the explorer routes /councils/<id> itself).
 */
export function explorerModules(webDir: string): DynamicModule[] {
  if (!existsSync(join(webDir, 'index.html'))) {
    new Logger('Explorer').warn(`The web explorer is not built (no ${join(webDir, 'index.html')}): run npm run build`);
    return [];
  }
  return [
    ServeStaticModule.forRoot({
      rootPath: webDir,
      exclude: ['/api{/*path}'],
      serveStaticOptions: {
        index: false,
        setHeaders: (res: { setHeader(name: string, value: string): void }, path: string) => {
          // Hashed asset names never change content; index.html must be revalidated to pick up a new build.
          res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  ];
}
