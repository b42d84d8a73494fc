import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { controlCharacterErrors } from './control-characters';
import { prototypeKeyPath } from './prototype-keys';

/**
 * The API's one validation pipe: class-validator's rules of each DTO (unknown fields refused),
 * the rule that holds for every string of every DTO (no control characters), and no key that
 * names JavaScript's object machinery anywhere in a body or query.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const path = metadata.type === 'custom' ? null : prototypeKeyPath(value);
    if (path) {
      throw new BadRequestException(
        `${path} is refused: __proto__, constructor and prototype are not fields`,
      );
    }
    return super.transform(value, metadata);
  }

  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    return [...(await super.validate(object, options)), ...controlCharacterErrors(object)];
  }
}
