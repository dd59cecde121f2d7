import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../queries/paging';
import { parseSafePosition } from '../queries/record-time';

const POSITION = /^\d{1,19}$/;

/** Parameters every read accepts. */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read models have applied this global position, e.g. the `position` a write answered.', example: '42' })
  @IsOptional()
  @Matches(POSITION, { message: 'minPosition must be a global position (digits)' })
  minPosition?: string;
}

/** Parameters of reads that can show the record as it stood at an earlier time. */
export class RecordTimeQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'An ISO 8601 instant: answer as the record stood then. Default: now.', example: '2024-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'knownAt must be an ISO 8601 instant' })
  knownAt?: string;

  @ApiPropertyOptional({ description: 'Extension: answer as the record stood after this global position (at most 2^53−1).', example: '42' })
  @IsOptional()
  @ValidateBy(
    { name: 'isSafePosition', validator: { validate: (value: unknown) => typeof value === 'string' && parseSafePosition(value) !== undefined } },
    { message: 'knownAtPosition must be a global position (digits, at most 2^53−1 = 9007199254740991)' },
  )
  knownAtPosition?: string;
}

/** `?limit=&cursor=` of a paged list. */
export class PagedRecordTimeQueryDto extends RecordTimeQueryDto {
  @ApiPropertyOptional({ description: `Rows per page (1-${MAX_PAGE_LIMIT}, default ${DEFAULT_PAGE_LIMIT}); the Link header (rel="next") gives the next page.`, example: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: from the Link header of the previous page. Later pages read the record as the first page did.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  cursor?: string;
}

export class MotionsQueryDto extends PagedRecordTimeQueryDto {
  @ApiPropertyOptional({ description: "Include each motion's individual votes (default false)." })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'], { message: 'votes must be true or false' })
  votes?: 'true' | 'false';
}

export class StateQueryDto extends RecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'A single EDTF day (YYYY-MM-DD). Default: today.', example: '2013-01-20' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  at?: string;
}

export class MembersQueryDto extends PagedRecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'A single EDTF day (YYYY-MM-DD): members in office then. Without it, every member with their term.', example: '2013-01-20' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  at?: string;
}

export class TimelineQueryDto extends PagedRecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'EDTF date: entries that may have happened on or after its earliest day.', example: '2012-10' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  from?: string;

  @ApiPropertyOptional({ description: 'EDTF date: entries that may have happened on or before its latest day.', example: '2013-10-19' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  to?: string;
}

export class EventsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Exclusive global position to start after.', example: '0' })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a global position (digits)' })
  after?: string;

  @ApiPropertyOptional({ description: `Most events to return (1-${MAX_PAGE_LIMIT}, default ${DEFAULT_PAGE_LIMIT}); the Link header (rel="next") gives the next page.`, example: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: from the Link header of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  cursor?: string;
}
