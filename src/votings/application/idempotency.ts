import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';

/**
 * Idempotency-Key on the voting routes. The key itself is never stored: a keyed write records
 * `keyHash(key)`, the request's hash and its reply (never a voter token) in the metadata of the event it
 * appends, so the record and the effect are one append (a crash leaves both or neither).
 *
 * A ballot is different: nothing about a keyed ballot is stored at all. Its receipt is derived from the
 * voter's token and the key (`derivedReceipt`), so a retry with the same token and key finds the ballot
 * it already cast by that receipt, while the stored data (which has only the token's SHA-256) cannot tie
 * the receipt to the voter.
 */
export interface IdempotentRequest {
  key: string;
  /** Hash of method, path and body: the same key with another request is refused. */
  requestHash: string;
}

/** What a keyed write left behind: enough to answer a retry with the first answer. */
export interface IdempotencyRecord {
  requestHash: string;
  reply: Record<string, unknown>;
  eventIds: string[];
  position: string;
}

/** The metadata a keyed write puts on its event. */
export interface IdempotencyMetadata {
  keyHash: string;
  requestHash: string;
  reply: Record<string, unknown>;
}

export function keyHash(key: string): string {
  return createHash('sha256').update(`council-record:votings:idempotency-key\u0000${key}`).digest('hex');
}

export function keyReused(): ProblemException {
  return new ProblemException(
    problem(422, 'idempotency-key-reused', 'Idempotency key reused with another request',
      'This Idempotency-Key was first used in this voting with a different request body or path; use a new key for a new request.'),
  );
}

/**
 * A ballot's receipt when it is cast with an Idempotency-Key: 96 bits of HMAC-SHA256 keyed with the voter's
 * token (256 random bits, stored nowhere: the voting keeps only its SHA-256). Only the token's holder, at
 * casting time the running service, can compute it; the stored data cannot.
 */
export function derivedReceipt(voterToken: string, votingId: string, key: string): string {
  return `r-${createHmac('sha256', voterToken).update(`council-record:receipt\u0000${votingId}\u0000${key}`).digest('hex').slice(0, 24)}`;
}

/**
 * A voter token issued for a registration made with an Idempotency-Key: HMAC-SHA256 of the voting and the
 * key under the service's secret, so a retry is answered with the same token without keeping the token.
 */
export function derivedVoterToken(secret: string, votingId: string, key: string): string {
  return `vt_${createHmac('sha256', secret).update(`council-record:voter-token\u0000${votingId}\u0000${key}`).digest('base64url')}`;
}

/** A secret kept in the data folder (not in the event store, nor in its backups): read it, or make it once (mode 600). */
export function storedSecret(dataDir: string, name: string): string {
  const path = join(dataDir, name);
  try {
    writeFileSync(path, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}
