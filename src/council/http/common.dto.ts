import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateNested,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { isValidEdtf } from '../domain/valid-date';

/** An EDTF date (ISO 8601-2): 2012-10-27, 2013-07, 2013-09?, 2012-10-22/2013-10-19. */
export function IsEdtf(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEdtf',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an EDTF date such as 2012-10-27, 2013-07, 2013-09? or 2012-10-22/2013-10-19`, ...options },
      validator: { validate: (value: unknown) => isValidEdtf(value) },
    });
}

export class SourceDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(2000) url?: string;
  @ApiPropertyOptional({ description: 'Where in the source: section heading, page, table row' })
  @IsOptional() @IsString() @MaxLength(500) locator?: string;
  @ApiPropertyOptional({ description: 'A short verbatim quote' }) @IsOptional() @IsString() @MaxLength(5000) quote?: string;
}

/** Fields every write accepts. */
export abstract class WriteBody {
  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({ description: 'Record the fact as the source states it even if it breaks a rule (historian or admin)' })
  @IsOptional()
  @IsBoolean()
  recordAnomaly?: boolean;

  @ApiPropertyOptional({ description: 'A free-text note kept with the fact' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}
