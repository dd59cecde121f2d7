import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { RateLimitModule } from './rate-limits';
import { RateLimitGuard } from './rate-limit.guard';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

/** Guards run in this order: rate limits first (they also slow down token guessing), then the token check. */
@Global()
@Module({
  imports: [RateLimitModule],
  controllers: [TokensController],
  providers: [
    TokenService,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}
