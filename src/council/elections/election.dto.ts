import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { RecordElection } from '../domain/commands';
import { baseOf } from '../http/council-write';

const MAX_COUNT = 1_000_000_000;

export class ElectionCuriaDto {
  @ApiProperty() @Matches(SLUG, { message: 'key must be a curia key' }) key!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(100000) seats!: number;
  @ApiPropertyOptional({ description: 'candidates in this curia, when the source says' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) candidates?: number;
}

export class ElectionCandidateDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'memberId must be a slug' }) memberId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'curia must be a curia key' }) curia?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) votes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(MAX_COUNT) rank?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() elected?: boolean;
}

export class ElectionCommitteeMemberDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ description: 'whom they represent, in the source\'s words' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) represents?: string;
  @ApiPropertyOptional({ description: 'their role on the committee as the source states it, e.g. "chair", "expert"' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) role?: string;
}

/** POST /councils/:councilId/elections — an election as a fact (API.md "Elections as facts"). */
export class ElectionBallotDto {
  @ApiProperty({ example: 'general' }) @IsString() @MinLength(1) @MaxLength(100) key!: string;
  @ApiPropertyOptional({ example: 30 }) @IsOptional() @IsInt() @Min(1) @Max(MAX_COUNT) maxMarks?: number;
}

export class ElectionRegistrationDto {
  @ApiPropertyOptional({ example: 20, description: 'signatures a candidate had to collect' }) @IsOptional() @IsInt() @Min(1) @Max(MAX_COUNT) signatures?: number;
  @ApiPropertyOptional({ type: [String], description: 'other requirements, in the source\'s words' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(1000, { each: true }) requirements?: string[];
}

export class ElectionRulesDto {
  @ApiPropertyOptional({ type: [ElectionBallotDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ElectionBallotDto) ballots?: ElectionBallotDto[];
  @ApiPropertyOptional({ type: ElectionRegistrationDto }) @IsOptional() @ValidateNested() @Type(() => ElectionRegistrationDto) registration?: ElectionRegistrationDto;
  @ApiPropertyOptional({ enum: ['electronic', 'committee', 'none'] }) @IsOptional() @IsIn(['electronic', 'committee', 'none']) voterVerification?: 'electronic' | 'committee' | 'none';
}

export class RecordElectionDto extends WriteBody {
  @ApiPropertyOptional({ description: 'slug; derived from heldOn when absent' })
  @IsOptional() @Matches(SLUG, { message: 'electionId must be a slug' }) electionId?: string;
  @ApiPropertyOptional({ example: '2012-10-20/2012-10-22', nullable: true, description: 'absent or null: the source gives no date (issue 25)' })
  @IsOptional() @IsEdtf() heldOn?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100000) seats?: number;
  @ApiPropertyOptional({ type: [ElectionCuriaDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ElectionCuriaDto) curiae?: ElectionCuriaDto[];
  @ApiPropertyOptional({ type: [ElectionCandidateDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10000) @ValidateNested({ each: true }) @Type(() => ElectionCandidateDto) candidates?: ElectionCandidateDto[];
  @ApiPropertyOptional({ description: 'the number of candidates the source states' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) candidateCount?: number;
  @ApiPropertyOptional({ description: 'how many were elected, when the source states it' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) electedCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) voters?: number;
  @ApiPropertyOptional({ type: [ElectionCommitteeMemberDto], description: 'the election committee as the source names it' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => ElectionCommitteeMemberDto) committee?: ElectionCommitteeMemberDto[];
  @ApiPropertyOptional({ type: ElectionRulesDto, description: 'ballots, candidate registration, voter verification (issue 25)' })
  @IsOptional() @ValidateNested() @Type(() => ElectionRulesDto) rules?: ElectionRulesDto;
}

export function toRecordElection(dto: RecordElectionDto): RecordElection {
  return {
    kind: 'RecordElection',
    ...baseOf(dto),
    electionId: dto.electionId,
    heldOn: dto.heldOn ?? undefined,
    seats: dto.seats,
    curiae: dto.curiae?.map((c) => ({ key: c.key, seats: c.seats, candidates: c.candidates })),
    candidates: dto.candidates?.map((c) => ({ name: c.name, memberId: c.memberId, curia: c.curia, votes: c.votes, rank: c.rank, elected: c.elected })),
    candidateCount: dto.candidateCount,
    electedCount: dto.electedCount,
    voters: dto.voters,
    committee: dto.committee?.map((m) => ({ name: m.name, represents: m.represents, role: m.role })),
    rules: dto.rules
      ? JSON.parse(
          JSON.stringify({
            ballots: dto.rules.ballots?.map((b) => ({ key: b.key, maxMarks: b.maxMarks })),
            registration: dto.rules.registration ? { signatures: dto.rules.registration.signatures, requirements: dto.rules.registration.requirements } : undefined,
            voterVerification: dto.rules.voterVerification,
          }),
        )
      : undefined,
  };
}
