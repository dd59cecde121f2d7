import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { addressKey } from '../../auth/request-principal';
import { WindowThrottlerStorage } from '../../auth/window-throttler-storage';

/**
 * Registration is open to anyone, so it is limited per client address (an IPv6 address by its /64) and
 * per voting: VOTING_REGISTRATIONS_PER_ADDRESS in VOTING_REGISTRATION_WINDOW_MS (default 20 per hour),
 * over which a registration is 429 with Retry-After. The cap on a voting's voters is VotingService's.
 */
@Injectable()
export class RegistrationLimit implements OnModuleDestroy {
  private readonly windows = new WindowThrottlerStorage();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async take(votingId: string, req: Request, res: Response): Promise<void> {
    const { perAddress, windowMs } = this.config.votingRegistration;
    const address = addressKey(String(req.ip ?? req.socket?.remoteAddress ?? 'unknown'));
    const hit = await this.windows.increment(`${votingId}\u0000${address}`, windowMs, perAddress, 0, 'registration');
    if (!hit.isBlocked) return;
    res.setHeader('Retry-After', String(hit.timeToBlockExpire));
    throw new ProblemException(
      problem(429, 'too-many-registrations', 'Too many registrations from this address',
        `This address has registered ${perAddress} voters in this voting within ${Math.round(windowMs / 60_000)} min (VOTING_REGISTRATIONS_PER_ADDRESS = ${perAddress}); retry after ${hit.timeToBlockExpire} s.`,
        { rule: 'registrations-per-address', limit: perAddress, windowMs, retryAfter: hit.timeToBlockExpire }),
    );
  }

  onModuleDestroy(): void {
    this.windows.onModuleDestroy();
  }
}
