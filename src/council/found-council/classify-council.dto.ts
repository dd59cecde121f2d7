import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ClassifyCouncil } from '../domain/commands';
import { COUNCIL_LEVELS, CouncilLevel, CouncilPlacement } from '../domain/events';
import { WriteBody } from '../http/common.dto';
import { baseOf } from '../http/council-write';
import { SLUG } from '../http/slug';

/** Type, level and parent council: accepted at founding and by POST /councils/:id/classification. */
export class CouncilPlacementDto extends WriteBody {
  @ApiPropertyOptional({ example: "people's council", description: 'what kind of council, as the source calls it' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) type?: string;
  @ApiPropertyOptional({ enum: COUNCIL_LEVELS }) @IsOptional() @IsIn(COUNCIL_LEVELS) level?: CouncilLevel;
  @ApiPropertyOptional({ example: 'coordination-council', description: 'the council this one sits under (e.g. the national council of a regional one)' })
  @IsOptional() @Matches(SLUG, { message: 'parentCouncilId must be a slug (lowercase letters, digits and hyphens)' }) parentCouncilId?: string;
}

export function placementOf(dto: CouncilPlacement): CouncilPlacement {
  return { type: dto.type, level: dto.level, parentCouncilId: dto.parentCouncilId };
}

export function toClassifyCouncil(dto: CouncilPlacementDto): ClassifyCouncil {
  return { kind: 'ClassifyCouncil', ...baseOf(dto), ...placementOf(dto) };
}
