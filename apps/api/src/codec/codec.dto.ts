import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

/** A Temporal payload in proto3 JSON form: bytes as base64. */
export class JsonPayloadDto {
  @ApiPropertyOptional({ additionalProperties: { type: 'string', format: 'byte' } })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ format: 'byte' })
  @IsOptional()
  @IsBase64()
  data?: string;
}

/** The Temporal Web UI's remote codec request and response body. */
export class CodecPayloadsDto {
  @ApiProperty({ type: [JsonPayloadDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => JsonPayloadDto)
  payloads!: JsonPayloadDto[];
}

export class CodecSessionDto {
  @ApiProperty({ description: 'A manager’s bearer token' })
  @IsString()
  @IsNotEmpty()
  token!: string;
}
