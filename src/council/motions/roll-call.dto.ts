import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { FactPlan, FactStep } from '../application/fact-plan';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { baseOf } from '../http/council-write';
import { SLUG } from '../http/slug';
import { REPORTED_WINNER_DESCRIPTION } from './motion.dto';
import { IsCounts } from './motion.dto';
import { PairVote } from '../domain/commands';

/** Most votes one roll call takes; a batch of roll calls goes further. */
export const MAX_ROLL_CALL_VOTES = 10_000;

export class RollCallVoteDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'memberId must be a slug' }) memberId?: string;
  @ApiPropertyOptional({ description: 'a name or alias' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiProperty({ example: 'yes' }) @IsString() @MinLength(1) @MaxLength(200) choice!: string;
}

/**
 * Issue 21: a member who did not vote, paired with another (Popolo's option "paired" with pair_id). Not a
 * vote: it never counts in the tally. Also the body that replaces a pairing in a correction.
 */
export class RollCallPairDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'memberId must be a slug' }) memberId?: string;
  @ApiPropertyOptional({ description: 'a name or alias' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiProperty({ description: 'the member they were paired with: a memberId, name or alias' }) @IsString() @MinLength(1) @MaxLength(200) pairedWith!: string;
}

/** A pairing as the domain's command; exactly one of memberId or name (400 otherwise). */
export function toPairVote(pair: RollCallPairDto, motionId: string, field = 'pairs'): PairVote {
  if ((pair.memberId === undefined) === (pair.name === undefined)) {
    throw new ProblemException(
      problem(400, 'validation', 'Invalid request', `${field}: give exactly one of memberId or name.`, {
        errors: [{ field: `${field}.memberId`, message: 'exactly one of memberId or name is required' }],
      }),
    );
  }
  return { kind: 'PairVote', ...baseOf(pair), motionId, member: (pair.memberId ?? pair.name)!, pairedWith: pair.pairedWith };
}

export class RollCallDto extends WriteBody {
  @ApiProperty({ type: [RollCallVoteDto], description: 'every vote of the division' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ROLL_CALL_VOTES) @ValidateNested({ each: true }) @Type(() => RollCallVoteDto)
  votes!: RollCallVoteDto[];
  @ApiPropertyOptional({ type: [RollCallPairDto], description: 'members who did not vote, each paired with another (not votes: never in the tally)' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ROLL_CALL_VOTES) @ValidateNested({ each: true }) @Type(() => RollCallPairDto)
  pairs?: RollCallPairDto[];
  @ApiPropertyOptional({ example: '2012-12-16', description: 'with it, the result is recorded too' }) @IsOptional() @IsEdtf() decidedOn?: string;
  @ApiPropertyOptional({ description: 'the totals a source states; they must agree with the votes' }) @IsOptional() @IsCounts() counts?: Record<string, number>;
  @ApiPropertyOptional({ enum: ['adopted', 'rejected'] }) @IsOptional() @IsIn(['adopted', 'rejected']) reportedOutcome?: 'adopted' | 'rejected';
  @ApiPropertyOptional({ description: REPORTED_WINNER_DESCRIPTION }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) reportedWinner?: string;
}

/**
 * A division: one CastVote per vote, then (with decidedOn) the DecideMotion, decided in order on one
 * state and appended together: the same decisions as /votes and /result, never a copy of their rules.
 */
export function planRollCall(dto: RollCallDto, motionId: string): FactPlan {
  const base = baseOf(dto);
  const resultFields = dto.counts !== undefined || dto.reportedOutcome !== undefined || dto.reportedWinner !== undefined;
  if (resultFields && dto.decidedOn === undefined) {
    throw new ProblemException(
      problem(400, 'validation', 'Invalid request', 'decidedOn: counts, reportedOutcome and reportedWinner close the motion, which needs decidedOn', {
        errors: [{ field: 'decidedOn', message: 'required with counts, reportedOutcome or reportedWinner' }],
      }),
    );
  }
  const steps: FactStep[] = dto.votes.map((vote, index) => {
    if ((vote.memberId === undefined) === (vote.name === undefined)) {
      throw new ProblemException(
        problem(400, 'validation', 'Invalid request', `votes.${index}: give exactly one of memberId or name.`, {
          errors: [{ field: `votes.${index}.memberId`, message: 'exactly one of memberId or name is required' }],
        }),
      );
    }
    return {
      label: `votes[${index}]`,
      command: { kind: 'CastVote', ...base, motionId, member: (vote.memberId ?? vote.name)!, choice: vote.choice },
    };
  });
  for (const [index, pair] of (dto.pairs ?? []).entries()) {
    steps.push({ label: `pairs[${index}]`, command: { ...toPairVote(pair, motionId, `pairs.${index}`), recordAnomaly: base.recordAnomaly, note: pair.note ?? base.note } });
  }
  if (dto.decidedOn !== undefined) {
    steps.push({
      label: 'result',
      command: {
        kind: 'DecideMotion',
        ...base,
        motionId,
        decidedOn: dto.decidedOn,
        counts: dto.counts ? { ...dto.counts } : undefined,
        reportedOutcome: dto.reportedOutcome,
        reportedWinner: dto.reportedWinner,
      },
    });
  }
  const votes = dto.votes.length;
  const pairs = dto.pairs?.length ?? 0;
  return {
    steps,
    reply: (replies) => {
      const result = dto.decidedOn !== undefined ? replies[votes + pairs] : undefined;
      return {
        motionId,
        votes: replies.slice(0, votes).map((r) => ({ memberId: r.memberId, choice: r.choice })),
        ...(pairs > 0 ? { pairs: replies.slice(votes, votes + pairs).map((r) => ({ memberId: r.memberId, pairedWith: r.pairedWith })) } : {}),
        ...(result ? { result } : {}),
      };
    },
  };
}
