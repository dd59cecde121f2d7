import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { requestIdFor } from './api/request-id';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { CouncilModule } from './council/council.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { AuthModule } from './auth/auth.module';
import { VotingsModule } from './votings/votings.module';
import { explorerModules } from './web/explorer.module';

/** The URL with every query parameter that the app would read as `receipt` redacted (names decoded as the parser does). */
export function redactReceipts(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url.slice(at + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      name = rawName;
    }
    // `receipt`, `receipt[]`, `receipt[0]`, ` receipt` ...: whatever the query parser would file under receipt
    return /^\s*receipt(\[|$)/i.test(name) ? `${rawName}=[redacted]` : pair;
  });
  return `${url.slice(0, at)}?${query.join('&')}`;
}

@Module({})
export class AppModule {
  /** `logDestination`: where the logs go (standard output when not given); the log secrecy test reads them. */
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    const pinoHttp: PinoHttpOptions = {
      level: config.logLevel,
      genReqId: (req, res) => {
        const id = requestIdFor(req.headers['x-request-id']);
        res.setHeader('x-request-id', id);
        return id;
      },
      // Headers are not serialised at all (see req below); should they ever be, these stay out.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'], censor: '[redacted]' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          // A ballot receipt looked up in a bulletin would tie the client's address to a ballot: the query is
          // read as the app parses it (so `?%72eceipt=` or `?receipt[]=` is a receipt too) and every receipt value is redacted.
          url: redactReceipts(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    };
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: logDestination ? [pinoHttp, logDestination] : pinoHttp,
        }),
        CqrsModule.forRoot(),
        TerminusModule,
        EventStoreModule,
        AuthModule,
        ReadModelsModule,
        CouncilModule,
        VotingsModule,
        ...explorerModules(config.webDir),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
