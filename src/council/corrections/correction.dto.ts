import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { WriteBody } from '../http/common.dto';

export class CorrectionDto extends WriteBody {
  @ApiProperty({ description: 'id of the event to retract or replace' }) @IsUUID() eventId!: string;
  @ApiProperty({ enum: ['retract', 'replace'] }) @IsIn(['retract', 'replace']) action!: 'retract' | 'replace';
  @ApiPropertyOptional({ description: 'for replace: the body the original write would take' })
  @IsOptional() @IsObject() replacement?: Record<string, unknown>;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) reason!: string;
}
