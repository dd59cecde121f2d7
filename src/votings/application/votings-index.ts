/** The votings index: one stream listing every voting, read at start so that each is loaded again and armed. */
import { createHash } from 'node:crypto';
import type { EventStore } from '../../event-store/event-store.port';
import { StreamNotFoundError } from '../../event-store/errors';

/** The stream that lists every voting (so that closing times are armed again after a restart). */
export const VOTINGS_INDEX_STREAM = 'votings';

export interface ListedVoting {
  votingId: string;
  councilId: string;
}

/** Lists a voting in the index, once whatever the retries (the event's id is derived from the voting id). */
export async function listVoting(store: EventStore, votingId: string, councilId: string): Promise<void> {
  await store.appendToStream(VOTINGS_INDEX_STREAM, [{ id: derivedId(`index:${votingId}`), type: 'VotingListed', data: { votingId, councilId } satisfies ListedVoting }]);
}

/** Every voting in the index, in the order listed; none before the first voting is scheduled. */
export async function* listedVotings(store: EventStore): AsyncGenerator<ListedVoting> {
  try {
    for await (const e of store.readStream(VOTINGS_INDEX_STREAM)) yield e.data as ListedVoting;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
}

/** A uuid derived from a name (RFC 4122 v5 style), for writes that must be made once whatever the retries. */
export function derivedId(name: string): string {
  const bytes = createHash('sha1').update(`council-record:votings:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
