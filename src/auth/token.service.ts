import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { StreamNotFoundError } from '../event-store/errors';
import { Principal } from './principal';

export const TOKEN_STREAM = 'access-tokens';
export type Role = Principal['role'];
export const ROLES: readonly Role[] = ['admin', 'secretary', 'historian', 'analyst'];

interface TokenRecord {
  tokenId: string;
  hash: string;
  role: Role;
  councilId?: string;
  label?: string;
  issuedAt: string;
  revokedAt?: string;
}

/** How old the cached token list may be before authenticate() reads the stream's tail again. */
export const TOKEN_CACHE_MAX_AGE_MS = 2000;

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Bearer tokens are themselves facts in the event store (stream `access-tokens`): issued and revoked,
 * never edited. Only a SHA-256 of each token is recorded; tokens are 256 random bits, so an unsalted
 * hash is enough to make the stored value useless to whoever reads it.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private readonly byHash = new Map<string, TokenRecord>();
  private readonly byId = new Map<string, TokenRecord>();
  private revision: bigint | undefined;
  /** Date.now() when the last completed refresh started reading. */
  private refreshedAt = Number.NEGATIVE_INFINITY;
  /** The refresh in progress, if any: refreshes run one at a time and each reads only the new tail. */
  private refreshing?: Promise<void>;
  private readonly adminHash?: Buffer;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (config.adminToken) this.adminHash = createHash('sha256').update(config.adminToken).digest();
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  async issue(input: { role: Role; councilId?: string; label?: string }, issuedBy: Principal): Promise<{ token: string; tokenId: string }> {
    const token = `crt_${randomBytes(32).toString('base64url')}`;
    const tokenId = randomUUID();
    await this.store.appendToStream(TOKEN_STREAM, [
      {
        id: randomUUID(),
        type: 'TokenIssued',
        data: { tokenId, hash: sha256(token), role: input.role, councilId: input.councilId, label: input.label },
        metadata: { recordedBy: { tokenId: issuedBy.tokenId, label: issuedBy.label, role: issuedBy.role } },
      },
    ]);
    await this.refresh();
    return { token, tokenId };
  }

  /** Returns false when no such token exists. Revoking twice is harmless. */
  async revoke(tokenId: string, revokedBy: Principal): Promise<boolean> {
    await this.refresh();
    const record = this.byId.get(tokenId);
    if (!record) return false;
    if (!record.revokedAt) {
      await this.store.appendToStream(TOKEN_STREAM, [
        {
          id: randomUUID(),
          type: 'TokenRevoked',
          data: { tokenId },
          metadata: { recordedBy: { tokenId: revokedBy.tokenId, label: revokedBy.label, role: revokedBy.role } },
        },
      ]);
      await this.refresh();
    }
    return true;
  }

  /** Every issued token without its hash: for admins to review and revoke. */
  async list(): Promise<Array<Omit<TokenRecord, 'hash'>>> {
    await this.refresh();
    return [...this.byId.values()].map(({ hash: _hash, ...token }) => token);
  }

  /** The principal a bearer token stands for, or undefined for an unknown or revoked token. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!token || token.length > 200) return undefined;
    const digest = createHash('sha256').update(token).digest();
    if (this.adminHash && timingSafeEqual(digest, this.adminHash)) {
      return { tokenId: 'admin-token-env', label: 'ADMIN_TOKEN', role: 'admin' };
    }
    // Revocations (and issues) by another instance: read the tail when the cache is older than ~2 s.
    await this.refreshIfStale();
    const hash = digest.toString('hex');
    let record = this.byHash.get(hash);
    if (!record && token.startsWith('crt_')) {
      await this.refresh(); // issued by another instance since we last looked
      record = this.byHash.get(hash);
    }
    if (!record || record.revokedAt) return undefined;
    return { tokenId: record.tokenId, label: record.label, role: record.role, councilId: record.councilId };
  }

  /** Single-flight: joins a refresh in progress, otherwise reads the tail only when the cache is stale. */
  private async refreshIfStale(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    if (Date.now() - this.refreshedAt < TOKEN_CACHE_MAX_AGE_MS) return;
    return this.refresh();
  }

  /**
   * Reads the events after the last revision seen. A call always reads after it was made (it queues behind a
   * refresh in progress, which may have started before the caller's own append), and never two at a time.
   */
  private refresh(): Promise<void> {
    const previous = this.refreshing;
    const run = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => this.readTail());
    this.refreshing = run;
    const clear = () => {
      if (this.refreshing === run) this.refreshing = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  private async readTail(): Promise<void> {
    const startedAt = Date.now();
    const from = this.revision === undefined ? 0n : this.revision + 1n;
    try {
      for await (const event of this.store.readStream(TOKEN_STREAM, { fromRevision: from })) {
        this.revision = event.revision;
        const data = event.data as Record<string, string>;
        if (event.type === 'TokenIssued') {
          const record: TokenRecord = {
            tokenId: data.tokenId,
            hash: data.hash,
            role: data.role as Role,
            councilId: data.councilId,
            label: data.label,
            issuedAt: event.recordedAt.toISOString(),
          };
          this.byHash.set(record.hash, record);
          this.byId.set(record.tokenId, record);
        } else if (event.type === 'TokenRevoked') {
          const record = this.byId.get(data.tokenId);
          if (record) record.revokedAt = event.recordedAt.toISOString();
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    this.refreshedAt = startedAt;
  }
}
