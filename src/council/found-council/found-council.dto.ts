import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { IsEdtf } from '../http/common.dto';
import { CouncilPlacementDto, placementOf } from './classify-council.dto';
import { SLUG } from '../http/slug';
import { FoundCouncil } from '../domain/commands';
import { QuorumRule } from '../domain/events';
import { baseOf } from '../http/council-write';

export class CuriaDto {
  @ApiProperty() @Matches(SLUG, { message: 'key must be a slug' }) key!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(100000) seats!: number;
}

function IsQuorumRule(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isQuorumRule',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'quorum must be "majority-of-members", "majority-of-seats" or { "atLeast": <positive integer> }', ...options },
      validator: {
        validate: (v: unknown) =>
          v === 'majority-of-members' ||
          v === 'majority-of-seats' ||
          (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 &&
            Number.isInteger((v as { atLeast?: unknown }).atLeast) && (v as { atLeast: number }).atLeast >= 1 &&
            (v as { atLeast: number }).atLeast <= 100000),
      },
    });
}

export class RulesDto {
  @ApiPropertyOptional({ example: 'majority-of-members' }) @IsOptional() @IsQuorumRule() quorum?: QuorumRule;
  @ApiPropertyOptional({ enum: ['majority-of-members', 'majority-of-present'] })
  @IsOptional() @IsIn(['majority-of-members', 'majority-of-present']) decision?: 'majority-of-members' | 'majority-of-present';
}

export class ElectionDto {
  @ApiPropertyOptional() @IsOptional() @IsEdtf() heldOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) candidates?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) voters?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class FoundCouncilDto extends CouncilPlacementDto {
  @ApiPropertyOptional({ description: 'slug; derived from the name when absent' })
  @IsOptional() @Matches(SLUG, { message: 'councilId must be a slug (lowercase letters, digits and hyphens)' }) councilId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @ApiPropertyOptional({ example: '2012-10-22', nullable: true, description: 'absent or null (or EDTF "XXXX"): the source gives no founding date (issue 25)' })
  @IsOptional() @IsEdtf() foundedOn?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'absent or null: the source gives no seat count (issue 25); with curiae, their sum' })
  @IsOptional() @IsInt() @Min(1) @Max(100000) seats?: number | null;
  @ApiPropertyOptional({ type: [CuriaDto] })
  @IsOptional() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CuriaDto) curiae?: CuriaDto[];
  @ApiPropertyOptional({ type: RulesDto }) @IsOptional() @ValidateNested() @Type(() => RulesDto) rules?: RulesDto;
  @ApiPropertyOptional({ type: ElectionDto }) @IsOptional() @ValidateNested() @Type(() => ElectionDto) election?: ElectionDto;
}

export function toFoundCouncil(dto: FoundCouncilDto, councilId: string): FoundCouncil {
  return {
    kind: 'FoundCouncil',
    ...baseOf(dto),
    councilId,
    name: dto.name,
    foundedOn: dto.foundedOn ?? undefined,
    seats: dto.seats ?? undefined,
    curiae: dto.curiae?.map((c) => ({ key: c.key, name: c.name, seats: c.seats })),
    rules: dto.rules ? { quorum: dto.rules.quorum, decision: dto.rules.decision } : undefined,
    election: dto.election ? { ...dto.election } : undefined,
    ...placementOf(dto),
  };
}
