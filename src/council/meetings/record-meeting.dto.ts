import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { RecordMeeting } from '../domain/commands';
import { MeetingKind, ReportedMeetingOutcome } from '../domain/events';
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
  @ApiPropertyOptional({ enum: ['held', 'quorum-failed', 'not-assembled'], description: "'not-assembled': the source says the meeting could not be assembled (no attendance, no chair)" })
  @IsOptional() @IsIn(['held', 'quorum-failed', 'not-assembled']) reportedOutcome?: ReportedMeetingOutcome;
  @ApiPropertyOptional({ description: 'where it was held, as the source says it' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) place?: string;
  @ApiPropertyOptional({ example: '12:00', description: 'the time it started, HH:MM' })
  @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM' }) startTime?: string;
  @ApiPropertyOptional({ description: 'who was to chair it but was replaced (memberId, name or alias; a non-member by name)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) scheduledChair?: string;
  @ApiPropertyOptional({ description: 'how many decisions the source says were made, when it gives a count' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000) decisionCount?: number;
  @ApiPropertyOptional({ description: "why a meeting could not be assembled (only with reportedOutcome 'not-assembled')" })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) reason?: string;
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
    place: dto.place,
    startTime: dto.startTime,
    scheduledChair: dto.scheduledChair,
    decisionCount: dto.decisionCount,
    reason: dto.reason,
  };
}
