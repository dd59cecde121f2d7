import { BadRequestException } from '@nestjs/common';
import { problem } from '../../api/problem';
import { NotFoundError } from '../../council/domain/errors';
import { NOW } from './known-at';
import { RecordQuery } from './record.query';

export interface RecordTime {
  /** An ISO instant: the record as it stood then. */
  knownAt?: string;
  /** Extension: the record as it stood after this global position. */
  knownAtPosition?: string;
}

export interface ResolvedRecordTime {
  /** The record position to read at (NOW: the current record). */
  position: number;
  /**
   * The record time the answer is as of: the instant given as `knownAt`; for `knownAtPosition`, when the
   * last event at or before that position was recorded (0 when there is none); otherwise now.
   */
  knownAtMs: number;
}

const invalid = (detail: string, field: string, message: string) =>
  new BadRequestException(problem(400, 'validation', 'Invalid request', detail, { errors: [{ field, message }] }));

/**
 * Resolves a read's `knownAt` / `knownAtPosition` (at most one) to a record position and the record time it
 * stands for. 404 for a council never recorded; 400 for both options, an instant that does not parse or a
 * position beyond 2^53−1 (read positions are JavaScript numbers and must not round).
 */
export function resolveRecordTime(record: RecordQuery, councilId: string, time: RecordTime): ResolvedRecordTime {
  if (!record.councilKnown(councilId)) throw new NotFoundError('council', councilId);
  if (time.knownAt !== undefined && time.knownAtPosition !== undefined) {
    throw invalid('Give knownAt or knownAtPosition, not both', 'knownAtPosition', 'cannot be combined with knownAt');
  }
  if (time.knownAtPosition !== undefined) {
    const position = parseSafePosition(time.knownAtPosition);
    if (position === undefined) {
      throw invalid('knownAtPosition must be a global position (digits, at most 2^53−1)', 'knownAtPosition', 'must be a global position (digits, at most 2^53−1)');
    }
    return { position, knownAtMs: record.recordedMsAtPosition(position) ?? 0 };
  }
  if (time.knownAt !== undefined) {
    const ms = Date.parse(time.knownAt);
    if (Number.isNaN(ms)) throw invalid('knownAt must be an ISO 8601 instant', 'knownAt', 'must be an ISO 8601 instant');
    return { position: record.positionAtTime(councilId, ms), knownAtMs: ms };
  }
  return { position: NOW, knownAtMs: Date.now() };
}

/** A position given as digits, when it is at most 2^53−1 (exactly representable); otherwise undefined. */
export function parseSafePosition(text: string): number | undefined {
  if (!/^\d{1,19}$/.test(text)) return undefined;
  const value = BigInt(text);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}
