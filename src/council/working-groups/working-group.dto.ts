import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { FormWorkingGroup } from '../domain/commands';
import { baseOf } from '../http/council-write';

export class FormWorkingGroupDto extends WriteBody {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'workingGroupId must be a slug' }) workingGroupId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @ApiProperty({ example: '2012-12-16' }) @IsEdtf() formedOn!: string;
  @ApiPropertyOptional({ type: [String], description: 'memberIds, names or aliases; leave out when the source does not give the composition (unknown, not none)' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) members?: string[];
}

export function toFormWorkingGroup(dto: FormWorkingGroupDto): FormWorkingGroup {
  return { kind: 'FormWorkingGroup', ...baseOf(dto), workingGroupId: dto.workingGroupId, name: dto.name, formedOn: dto.formedOn, members: dto.members };
}
