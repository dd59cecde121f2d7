import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { json } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { ProblemDetailsFilter } from './api/problem-details.filter';
import { createValidationPipe } from './api/validation';
import { rejectDangerousKeys } from './api/reject-dangerous-keys';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Builds the configured application without listening, so tests, the importer and main share it. */
export async function createApp(config: AppConfig, options: { logs?: boolean; logDestination?: DestinationStream } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.logDestination), {
    bodyParser: false,
    bufferLogs: true,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  // A batch has its own, larger limit; the parser that runs first reads the body and the other skips it.
  app.use('/api/councils/:councilId/batch', json({ limit: config.batchBodyLimitBytes, type: JSON_TYPES }));
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: JSON_TYPES });
  app.use(rejectDangerousKeys);
  app.disable('x-powered-by');
  // gzip or brotli (by Accept-Encoding) for every answer over 1 KiB, explorer assets and API JSON alike
  // (decision 38: the explorer's 335 KB of script travelled raw).
  app.use(compression());
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: false }));
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
