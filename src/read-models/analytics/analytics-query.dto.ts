import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PagedRecordTimeQueryDto, RecordTimeQueryDto } from '../http/read-query.dto';
import { GROUP_BY, GroupBy, STEPS, Step } from './analytics.query';
import { CSV_TABLES, CsvTable } from './popolo.query';

export class AnomaliesQueryDto extends PagedRecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'Only entries of this severity.', enum: ['error', 'warning', 'info'] })
  @IsOptional()
  @IsIn(['error', 'warning', 'info'])
  severity?: 'error' | 'warning' | 'info';

  @ApiPropertyOptional({ description: 'Only entries of this rule id (see docs/analytics.md).', example: 'reported-membership-contradicts' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  rule?: string;
}

export class MembershipSeriesQueryDto extends RecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'EDTF date: the first step (its earliest day). Default: the founding.', example: '2012-10-22' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  from?: string;

  @ApiPropertyOptional({ description: 'EDTF date: no step after its latest day. Default: the dissolution, else today.', example: '2013-10-19' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  to?: string;

  @ApiPropertyOptional({ description: 'Step between points (at most 5000 points).', enum: STEPS, default: 'month' })
  @IsOptional()
  @IsIn(STEPS as Step[])
  step?: Step;
}

export class AttendanceQueryDto extends RecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'Also aggregate per curia or per political group (the group each member sat for on each date).', enum: GROUP_BY })
  @IsOptional()
  @IsIn(GROUP_BY as GroupBy[])
  by?: GroupBy;

  @ApiPropertyOptional({ description: 'json (default) or csv: with by, one row per curia or group (by, name, members, attended, missed, eligible, rate); without, one row per member (memberId, name, curia, attended, missed, eligible, rate, undecidable). A figure the record cannot give is an empty cell, never 0.', enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class CohesionQueryDto extends RecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'Cohesion per curia (default) or per political group (the group each voter sat for on the vote\'s date).', enum: GROUP_BY })
  @IsOptional()
  @IsIn(GROUP_BY as GroupBy[])
  by?: GroupBy;

  @ApiPropertyOptional({ description: 'How many pairs to return, most agreeing first (1-10000, default 50).', example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only pairs who both voted on at least this many motions (default 1).', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minMotions?: number;

  @ApiPropertyOptional({ description: 'json (default) or csv: one row per curia or group (by, name, motions, rice); rice empty when no motion has two yes/no votes from it. Pairs are in the JSON only.', enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class PopoloQueryDto extends RecordTimeQueryDto {
  @ApiPropertyOptional({ description: 'json (Popolo, default) or csv (one table, see `table`).', enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'With format=csv: the table to export.', enum: CSV_TABLES })
  @IsOptional()
  @IsIn(CSV_TABLES as unknown as string[])
  table?: CsvTable;
}
