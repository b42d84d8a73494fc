import { ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { controlCharacterErrors } from './control-characters';

/**
 * The API's one validation pipe: class-validator's rules of each DTO (unknown fields refused),
 * and the rule that holds for every string of every DTO: no control characters.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    return [...(await super.validate(object, options)), ...controlCharacterErrors(object)];
  }
}
