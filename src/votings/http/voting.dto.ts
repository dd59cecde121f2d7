import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SLUG } from '../../council/http/slug';

/** An instant with its offset (2030-10-20T06:00:00Z, 2030-10-20T09:00:00+03:00): a voting opens at a moment, not a day. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CandidateDto {
  @ApiPropertyOptional({ description: 'slug; derived from the name when absent' })
  @IsOptional() @Matches(SLUG, { message: 'candidateId must be a slug' }) candidateId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

export class BallotDto {
  @ApiProperty({ example: 'general' }) @Matches(SLUG, { message: 'key must be a slug' }) key!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title!: string;
  @ApiPropertyOptional({ description: 'the council curia the winners sit in' })
  @IsOptional() @Matches(SLUG, { message: 'curia must be a curia key' }) curia?: string;
  @ApiProperty() @IsInt() @Min(1) @Max(10_000) seats!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(10_000) maxMarks!: number;
  @ApiProperty({ type: [CandidateDto] })
  @ArrayMinSize(1) @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => CandidateDto) candidates!: CandidateDto[];
}

export class ScheduleVotingDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'votingId must be a slug' }) votingId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title!: string;
  @ApiProperty({ example: '2030-10-20T06:00:00Z' })
  @IsISO8601({ strict: true }) @Matches(INSTANT, { message: 'opensAt must be an instant with its offset, e.g. 2030-10-20T06:00:00Z' }) opensAt!: string;
  @ApiProperty({ example: '2030-10-22T18:00:00Z' })
  @IsISO8601({ strict: true }) @Matches(INSTANT, { message: 'closesAt must be an instant with its offset, e.g. 2030-10-22T18:00:00Z' }) closesAt!: string;
  @ApiProperty({ type: [BallotDto] })
  @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => BallotDto) ballots!: BallotDto[];
  @ApiProperty({ enum: ['committee', 'none'] }) @IsIn(['committee', 'none']) verification!: 'committee' | 'none';
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @IsInt() @Min(1) @Max(500) minBatch?: number;
}


export class RegisterVoterDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ description: 'how the committee may reach the voter (kept with the registration)' })
  @IsOptional() @IsString() @MaxLength(500) contact?: string;
}

export class VerificationDto {
  @ApiProperty() @IsBoolean() verified!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}
