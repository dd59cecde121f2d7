import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DescribeCouncil, FormCouncilBody, RecordMemberStatus, RecordMembersStatement } from '../domain/commands';
import { COUNCIL_BODY_KINDS, CouncilBodyKind, MEMBER_STATUSES, MemberStatus } from '../domain/events';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { baseOf } from '../http/council-write';
import { SLUG } from '../http/slug';

/** Issue 25: the facts of a council's life the first model had no place for. */

export class RecordMemberStatusDto extends WriteBody {
  @ApiProperty({ enum: MEMBER_STATUSES }) @IsIn(MEMBER_STATUSES) status!: MemberStatus;
  @ApiProperty({ example: '2013-02', description: 'EDTF: when the status began' }) @IsEdtf() on!: string;
}

export function toRecordMemberStatus(dto: RecordMemberStatusDto, memberId: string): RecordMemberStatus {
  return { kind: 'RecordMemberStatus', ...baseOf(dto), memberId, status: dto.status, on: dto.on };
}

const NAMES = { each: true } as const;

export class DescribeCouncilDto extends WriteBody {
  @ApiPropertyOptional({ example: '2012-10-22', description: 'EDTF: the day the description holds from; absent: the founding' })
  @IsOptional() @IsEdtf() describedOn?: string;
  @ApiPropertyOptional({ type: [String], example: ['CS', 'CSO'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique() @IsString(NAMES) @MinLength(1, NAMES) @MaxLength(100, NAMES) abbreviations?: string[];
  @ApiPropertyOptional({ type: [String], example: ['Liberalism (Russian)', 'Anti-Putinism'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique() @IsString(NAMES) @MinLength(1, NAMES) @MaxLength(200, NAMES) ideology?: string[];
  @ApiPropertyOptional({ example: 'P1Y', description: 'the term it was elected for, an ISO 8601 duration in years, months or days' })
  @IsOptional() @Matches(/^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$/, { message: 'term must be an ISO 8601 duration such as P1Y or P6M' }) term?: string;
  @ApiPropertyOptional({ example: 1, description: 'which convocation (1 = the first)' }) @IsOptional() @IsInt() @Min(1) @Max(1000) convocation?: number;
}

export function toDescribeCouncil(dto: DescribeCouncilDto): DescribeCouncil {
  return {
    kind: 'DescribeCouncil',
    ...baseOf(dto),
    describedOn: dto.describedOn,
    abbreviations: dto.abbreviations,
    ideology: dto.ideology,
    term: dto.term,
    convocation: dto.convocation,
  };
}

export class FormCouncilBodyDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'bodyId must be a slug' }) bodyId?: string;
  @ApiProperty({ enum: COUNCIL_BODY_KINDS, description: "'working-groups': a set of `count` working groups whose names the source does not give" })
  @IsIn(COUNCIL_BODY_KINDS) kind!: CouncilBodyKind;
  @ApiPropertyOptional({ description: 'absent when the source gives none' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(300) name?: string;
  @ApiPropertyOptional({ description: 'for a set of working groups: how many' }) @IsOptional() @IsInt() @Min(1) @Max(10_000) count?: number;
  @ApiProperty({ example: '2012-12-16/2013-01-20' }) @IsEdtf() formedOn!: string;
  @ApiPropertyOptional({ type: [String], description: 'memberIds, names or aliases; absent when the source does not give them' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString(NAMES) @MinLength(1, NAMES) @MaxLength(200, NAMES) members?: string[];
}

export function toFormCouncilBody(dto: FormCouncilBodyDto): FormCouncilBody {
  return {
    kind: 'FormCouncilBody',
    ...baseOf(dto),
    bodyId: dto.bodyId,
    bodyKind: dto.kind,
    name: dto.name,
    count: dto.count,
    formedOn: dto.formedOn,
    members: dto.members,
  };
}

export class RecordMembersStatementDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'statementId must be a slug' }) statementId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) title!: string;
  @ApiProperty({ example: '2012-10-24' }) @IsEdtf() issuedOn!: string;
  @ApiPropertyOptional({ type: [String], description: 'memberIds, names or aliases of the signatories the source names' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString(NAMES) @MinLength(1, NAMES) @MaxLength(200, NAMES) signatories?: string[];
  @ApiPropertyOptional({ description: 'how many signed, when the source gives a count' }) @IsOptional() @IsInt() @Min(1) @Max(100_000) signatoryCount?: number;
}

export function toRecordMembersStatement(dto: RecordMembersStatementDto): RecordMembersStatement {
  return {
    kind: 'RecordMembersStatement',
    ...baseOf(dto),
    statementId: dto.statementId,
    title: dto.title,
    issuedOn: dto.issuedOn,
    signatories: dto.signatories,
    signatoryCount: dto.signatoryCount,
  };
}
