import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { ProblemDetailsFilter } from './api/problem-details.filter';
import { createValidationPipe } from './api/validation';
import { contentSecurityPolicy } from './api/content-security-policy';

/** Builds the configured application without listening, so tests, the importer and main share it. */
export async function createApp(config: AppConfig, options: { logs?: boolean; logDestination?: DestinationStream } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.logDestination), {
    bodyParser: false,
    bufferLogs: true,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  // No body-parsing middleware: the auth guard reads a body once the rate limits and the token are decided
  // (src/api/body-reader.ts), so a limited or unauthenticated request never has its body parsed.
  app.disable('x-powered-by');
  // gzip or brotli (by Accept-Encoding) for every answer over 1 KiB, explorer assets and API JSON alike
  // (decision 34: the explorer's 335 KB of script travelled raw).
  app.use(compression());
  app.set('trust proxy', 'loopback');
  // helmet's headers with the Content-Security-Policy chosen per path (explorer, API, Swagger page).
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(contentSecurityPolicy);
  if (config.corsOrigins) app.enableCors({ origin: config.corsOrigins === '*' ? '*' : config.corsOrigins });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('council-record')
      .setDescription('An event-sourced record of a council: facts in, state at any date (as known at any time) out.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
