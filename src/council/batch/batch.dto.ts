import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { SourceDto } from '../http/common.dto';

/** Most items one batch takes. */
export const MAX_BATCH_ITEMS = 10_000;

export class BatchItemDoc {
  @ApiProperty({ example: '/motions/budget-2013/votes' }) path!: string;
  @ApiProperty({ description: "the body that path's own endpoint takes", type: 'object', additionalProperties: true }) body!: Record<string, unknown>;
}

/** The envelope; each item is validated by its own endpoint's DTO (see BatchController). */
export class BatchDto {
  @ApiProperty({ type: [BatchItemDoc], description: `1 to ${MAX_BATCH_ITEMS} write requests, decided in order, recorded all or nothing` })
  @IsArray() @ArrayMinSize(1)
  requests!: unknown[];

  @ApiPropertyOptional({ type: SourceDto, description: "the source of every item that names none of its own" })
  @IsOptional() @ValidateNested() @Type(() => SourceDto)
  source?: SourceDto;
}
