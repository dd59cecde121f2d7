import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { DissolveCouncil } from '../domain/commands';
import { baseOf } from '../http/council-write';

export class DissolveCouncilDto extends WriteBody {
  @ApiProperty({ example: '2013-10-19' }) @IsEdtf() dissolvedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export function toDissolveCouncil(dto: DissolveCouncilDto): DissolveCouncil {
  return { kind: 'DissolveCouncil', ...baseOf(dto), dissolvedOn: dto.dissolvedOn, reason: dto.reason };
}
