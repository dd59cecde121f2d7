import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsEdtf, WriteBody } from '../http/common.dto';
import { SLUG } from '../http/slug';
import { ElectMember } from '../domain/commands';
import { baseOf } from '../http/council-write';

/** A constituency as the source names it (Popolo `area_id` / `area`): an id, a name, or both. */
export class ConstituencyDto {
  @ApiPropertyOptional({ example: 'area/tartu_linn', description: "the source's id of the area (Popolo area_id)" })
  @ValidateIf((c: ConstituencyDto) => c.name === undefined || c.id !== undefined)
  @IsDefined({ message: 'a constituency needs an id or a name' })
  @IsString() @MinLength(1) @MaxLength(200) id?: string;
  @ApiPropertyOptional({ example: 'Tartu linn' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
}

/** An identifier of the person in another register (Popolo identifiers[]), e.g. wikidata Q12358062. */
export class PersonIdentifierDto {
  @ApiProperty({ example: 'wikidata' }) @IsString() @MinLength(1) @MaxLength(100) scheme!: string;
  @ApiProperty({ example: 'Q12358062' }) @IsString() @MinLength(1) @MaxLength(200) identifier!: string;
}

export class ElectMemberDto extends WriteBody {
  @ApiPropertyOptional({ description: 'slug; derived from the name when absent' })
  @IsOptional() @Matches(SLUG, { message: 'memberId must be a slug' }) memberId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ type: [String], description: 'pen names and spelling variants' })
  @IsOptional() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) aliases?: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'curia must be a curia key' }) curia?: string;
  @ApiPropertyOptional({ example: '2012-10-22', description: 'required unless electionId is given (then the election\'s heldOn)' })
  @ValidateIf((dto: ElectMemberDto) => dto.electionId === undefined || dto.electedOn !== undefined)
  @IsDefined({ message: 'electedOn is required unless electionId names the election that seated the member' })
  @IsEdtf() electedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) votes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100000) rank?: number;
  @ApiPropertyOptional({ description: 'the election (POST .../elections) that seated the member' })
  @IsOptional() @Matches(SLUG, { message: 'electionId must be a slug' }) electionId?: string;
  @ApiPropertyOptional({ type: ConstituencyDto, description: 'the constituency the member was elected for (Popolo area)' })
  @IsOptional() @ValidateNested() @Type(() => ConstituencyDto) constituency?: ConstituencyDto;
  @ApiPropertyOptional({ type: [PersonIdentifierDto], description: "the person's identifiers in other registers (wikidata, …)" })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PersonIdentifierDto) identifiers?: PersonIdentifierDto[];
}

export function toElectMember(dto: ElectMemberDto): ElectMember {
  return {
    kind: 'ElectMember',
    ...baseOf(dto),
    memberId: dto.memberId,
    name: dto.name,
    aliases: dto.aliases,
    curia: dto.curia,
    electedOn: dto.electedOn,
    votes: dto.votes,
    rank: dto.rank,
    electionId: dto.electionId,
    constituency: dto.constituency ? { id: dto.constituency.id, name: dto.constituency.name } : undefined,
    identifiers: dto.identifiers?.map((i) => ({ scheme: i.scheme, identifier: i.identifier })),
  };
}
