import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { RecordMeeting } from '../domain/commands';
import { MeetingKind, MeetingOutcome } from '../domain/events';
import { baseOf } from '../http/council-write';

export class RecordMeetingDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'meetingId must be a slug' }) meetingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1_000_000) number?: number;
  @ApiProperty({ example: '2012-10-27' }) @IsEdtf() date!: string;
  @ApiPropertyOptional({ enum: ['regular', 'extraordinary'] }) @IsOptional() @IsIn(['regular', 'extraordinary']) kind?: MeetingKind;
  @ApiPropertyOptional({ description: 'memberId, name or alias' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) chair?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(2000, { each: true }) agenda?: string[];
  @ApiPropertyOptional({ type: [String], description: 'memberIds, names or aliases of those present' })
  @IsOptional() @IsArray() @ArrayMaxSize(10000) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) present?: string[];
  @ApiPropertyOptional({ description: 'everyone who took part, remote participants included' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) presentCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1_000_000) remoteCount?: number;
  @ApiPropertyOptional({ description: 'the "out of N" a source states' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) reportedMembership?: number;
  @ApiPropertyOptional({ enum: ['held', 'quorum-failed'] }) @IsOptional() @IsIn(['held', 'quorum-failed']) reportedOutcome?: MeetingOutcome;
}

export function toRecordMeeting(dto: RecordMeetingDto): RecordMeeting {
  return {
    kind: 'RecordMeeting',
    ...baseOf(dto),
    meetingId: dto.meetingId,
    number: dto.number,
    date: dto.date,
    meetingKind: dto.kind,
    chair: dto.chair,
    agenda: dto.agenda,
    present: dto.present,
    presentCount: dto.presentCount,
    remoteCount: dto.remoteCount,
    reportedMembership: dto.reportedMembership,
    reportedOutcome: dto.reportedOutcome,
  };
}
