import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AffiliateMember, FoundGroup } from '../domain/commands';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { baseOf } from '../http/council-write';
import { SLUG } from '../http/slug';

export class FoundGroupDto extends WriteBody {
  @ApiPropertyOptional({ description: 'A slug; derived from the name when absent' })
  @IsOptional() @Matches(SLUG, { message: 'groupId must be a slug' }) groupId?: string;
  @ApiProperty({ example: 'Solidarity' }) @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @ApiPropertyOptional({ example: 'party', description: 'party | faction | list | any other word the source uses' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) classification?: string;
  @ApiPropertyOptional({ example: '1990-05', description: 'EDTF: when the group itself was founded (may predate the council)' })
  @IsOptional() @IsEdtf() foundedOn?: string;
}

export function toFoundGroup(dto: FoundGroupDto): FoundGroup {
  return { kind: 'FoundGroup', ...baseOf(dto), groupId: dto.groupId, name: dto.name, classification: dto.classification, foundedOn: dto.foundedOn };
}

export class AffiliateMemberDto extends WriteBody {
  @ApiProperty({ example: 'solidarity' }) @Matches(SLUG, { message: 'groupId must be a slug' }) groupId!: string;
  @ApiPropertyOptional({ example: '2012-10-22', nullable: true, description: 'EDTF: the first day the member sat for the group; absent or null: unknown (issue 25)' })
  @IsOptional() @IsEdtf() from?: string | null;
  @ApiPropertyOptional({ example: '2013-05', description: 'EDTF: the day the member stopped sitting for it (not included); absent: until the member left' })
  @IsOptional() @IsEdtf() to?: string;
  @ApiPropertyOptional({ description: 'a membership of an organization outside the council (a party), not the group the member sat for (issue 25)' })
  @IsOptional() @IsBoolean() outside?: boolean;
}

export function toAffiliateMember(dto: AffiliateMemberDto, memberId: string): AffiliateMember {
  return { kind: 'AffiliateMember', ...baseOf(dto), memberId, groupId: dto.groupId, from: dto.from ?? undefined, to: dto.to, outside: dto.outside };
}
