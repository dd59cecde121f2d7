import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { RecordDeparture } from '../domain/commands';
import { DepartureReason } from '../domain/events';
import { baseOf } from '../http/council-write';

const REASONS: DepartureReason[] = ['resigned', 'expelled', 'died', 'imprisoned', 'other'];

export class RecordDepartureDto extends WriteBody {
  @ApiProperty({ example: '2013-07', description: 'EDTF; an interval when only bounds are known' }) @IsEdtf() leftOn!: string;
  @ApiPropertyOptional({ enum: REASONS }) @IsOptional() @IsIn(REASONS) reason?: DepartureReason;
  @ApiPropertyOptional({ example: '2013-09', description: 'when the departure was announced (EDTF), beside leftOn, its effective date' })
  @IsOptional() @IsEdtf() announcedOn?: string;
}

export function toRecordDeparture(dto: RecordDepartureDto, memberId: string): RecordDeparture {
  return { kind: 'RecordDeparture', ...baseOf(dto), memberId, leftOn: dto.leftOn, reason: dto.reason, announcedOn: dto.announcedOn };
}
