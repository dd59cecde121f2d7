import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { AppointOfficer, EndOfficerTerm } from '../domain/commands';
import { baseOf } from '../http/council-write';
import { memberReference } from '../http/member-ref';

export class AppointOfficerDto extends WriteBody {
  @ApiProperty({ example: 'secretary', description: 'secretary, treasurer or any role slug' })
  @Matches(SLUG, { message: 'role must be a slug such as secretary or treasurer' }) role!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'memberId must be a slug' }) memberId?: string;
  @ApiPropertyOptional({ description: 'a name or alias' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiProperty({ example: '2012-11-24' }) @IsEdtf() from!: string;
  @ApiPropertyOptional({ description: 'the officer is not a member of the council; the name is taken as given' })
  @IsOptional() @IsBoolean() nonMember?: boolean;
}

export function toAppointOfficer(dto: AppointOfficerDto): AppointOfficer {
  return { kind: 'AppointOfficer', ...baseOf(dto), role: dto.role, member: memberReference(dto), from: dto.from, nonMember: dto.nonMember };
}

export class EndOfficerTermDto extends WriteBody {
  @ApiProperty({ example: '2013-03-18' }) @IsEdtf() to!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export function toEndOfficerTerm(dto: EndOfficerTermDto, role: string): EndOfficerTerm {
  return { kind: 'EndOfficerTerm', ...baseOf(dto), role, to: dto.to, reason: dto.reason };
}
