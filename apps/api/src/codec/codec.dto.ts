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
  ValidateBy,
  ValidateNested,
} from 'class-validator';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_METADATA_ENTRIES = 32;

/** A Temporal payload in proto3 JSON form: bytes as base64. */
export class JsonPayloadDto {
  @ApiPropertyOptional({ additionalProperties: { type: 'string', format: 'byte' } })
  @IsOptional()
  @IsObject()
  @ValidateBy({
    name: 'base64Values',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.keys(value).length <= MAX_METADATA_ENTRIES &&
        Object.values(value).every((v) => typeof v === 'string' && BASE64.test(v)),
      defaultMessage: () =>
        `metadata must map at most ${MAX_METADATA_ENTRIES} names to base64 strings`,
    },
  })
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
