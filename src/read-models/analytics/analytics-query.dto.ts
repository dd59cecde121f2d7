import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PagedRecordTimeQueryDto, RecordTimeQueryDto } from '../http/read-query.dto';
import { STEPS, Step } from './analytics.query';
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

export class CohesionQueryDto extends RecordTimeQueryDto {
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
