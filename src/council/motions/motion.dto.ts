import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { CastVote, DecideMotion, TableMotion } from '../domain/commands';
import { MOTION_MODES, MotionKind, MotionMode, MotionRule } from '../domain/events';
import { baseOf } from '../http/council-write';
import { memberReference } from '../http/member-ref';

const KINDS: MotionKind[] = ['statement', 'resolution', 'appointment', 'procedural'];
const MOTION_RULES = ['majority-of-members', 'majority-of-present', 'two-thirds-of-present', 'two-thirds-of-members'];

function IsMotionRule(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMotionRule',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `rule must be one of ${MOTION_RULES.join(', ')} or { "atLeast": <whole number from 1 to 100,000> }`, ...options },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && MOTION_RULES.includes(value)) ||
          (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 &&
            Number.isInteger((value as { atLeast?: unknown }).atLeast) && (value as { atLeast: number }).atLeast >= 1 && (value as { atLeast: number }).atLeast <= 100_000),
      },
    });
}

export class TableMotionDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'motionId must be a slug' }) motionId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) title!: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: MotionKind;
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'meetingId must be a slug' }) meetingId?: string;
  @ApiProperty({ example: '2012-12-16' }) @IsEdtf() openedOn!: string;
  @ApiPropertyOptional({ enum: MOTION_MODES, description: "how it was decided: 'online', at a 'meeting', or 'unknown' (the source does not say); absent: 'online' if online is true, 'meeting' if meetingId is given, else 'unknown'" })
  @IsOptional() @IsIn(MOTION_MODES) mode?: MotionMode;
  @ApiPropertyOptional({ description: "decided by an online vote between meetings (kept for older clients: the same as mode 'online')" }) @IsOptional() @IsBoolean() online?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'alternatives or candidates; without options it is a yes/no question' })
  @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(100) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true })
  options?: string[];
  @ApiPropertyOptional({
    description: "the motion's own decision rule; absent, the council's applies",
    oneOf: [{ type: 'string', enum: MOTION_RULES }, { type: 'object', properties: { atLeast: { type: 'integer', minimum: 1 } } }],
  })
  @IsOptional() @IsMotionRule() rule?: MotionRule;
  @ApiPropertyOptional({ type: [String], description: 'who proposed it: memberIds, names or aliases; a non-member by name (issue 25)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true })
  proposers?: string[];
}

export function toTableMotion(dto: TableMotionDto): TableMotion {
  return {
    kind: 'TableMotion',
    ...baseOf(dto),
    motionId: dto.motionId,
    title: dto.title,
    motionKind: dto.kind,
    meetingId: dto.meetingId,
    openedOn: dto.openedOn,
    mode: dto.mode,
    online: dto.online,
    options: dto.options,
    rule: typeof dto.rule === 'object' ? { atLeast: dto.rule.atLeast } : dto.rule,
    proposers: dto.proposers,
  };
}

export class CastVoteDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'memberId must be a slug' }) memberId?: string;
  @ApiPropertyOptional({ description: 'a name or alias' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiProperty({ example: 'yes', description: 'yes, no, abstain or one of the motion options' }) @IsString() @MinLength(1) @MaxLength(200) choice!: string;
}

export function toCastVote(dto: CastVoteDto, motionId: string): CastVote {
  return { kind: 'CastVote', ...baseOf(dto), motionId, member: memberReference(dto), choice: dto.choice };
}

export function IsCounts(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCounts',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'counts must be an object of at most 100 choices, each a whole number from 0 to 1,000,000', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype &&
          Object.keys(value).length >= 1 && Object.keys(value).length <= 100 &&
          Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 200 && Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1_000_000),
      },
    });
}

/** `reportedWinner`'s description, on /result and /roll-call alike. */
export const REPORTED_WINNER_DESCRIPTION = 'the winning option a source states; on a yes/no motion yes (adopted) or no (rejected)';

export class DecideMotionDto extends WriteBody {
  @ApiProperty({ example: '2012-12-16' }) @IsEdtf() decidedOn!: string;
  @ApiPropertyOptional({ description: '{ yes, no, abstain } or { <option>: n }, only when individual votes are unknown; partial figures allowed: a choice left out is unknown, not 0 (decision 52)' })
  @IsOptional() @IsCounts() counts?: Record<string, number>;
  @ApiPropertyOptional({ enum: ['adopted', 'rejected'], description: 'the outcome a source states when no figures are known' })
  @IsOptional() @IsIn(['adopted', 'rejected']) reportedOutcome?: 'adopted' | 'rejected';
  @ApiPropertyOptional({ description: REPORTED_WINNER_DESCRIPTION }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) reportedWinner?: string;
}

export function toDecideMotion(dto: DecideMotionDto, motionId: string): DecideMotion {
  return {
    kind: 'DecideMotion',
    ...baseOf(dto),
    motionId,
    decidedOn: dto.decidedOn,
    counts: dto.counts ? { ...dto.counts } : undefined,
    reportedOutcome: dto.reportedOutcome,
    reportedWinner: dto.reportedWinner,
  };
}
