import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { BadRequestException } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { InputValidationPipe } from './input-validation.pipe';
import { isFreeText } from './text';

/** Every module of the API that declares request DTOs, loaded so their decorators register. */
function loadEveryDto(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) loadEveryDto(file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for their decorators
    else if (/\.(dto|controller)\.ts$/.test(entry.name)) require(file);
  }
}
loadEveryDto(path.join(__dirname, '..'));

const storage = getMetadataStorage() as unknown as {
  validationMetadatas: Map<new () => object, ValidationMetadata[]>;
};
const DTOS = [...storage.validationMetadatas.entries()]
  .filter(([target]) => typeof target === 'function' && target.name.match(/Dto|Query$/))
  .map(([target, rules]) => ({
    dto: target,
    properties: [...new Set(rules.map((r) => r.propertyName))],
    rules,
  }));

const isNumber = (rules: ValidationMetadata[], property: string) =>
  rules.some((r) => r.propertyName === property && r.name === 'isInt');

const pipe = new InputValidationPipe();
/** The 400's messages for `body`, or none when it passes. */
async function messagesOf(dto: new () => object, body: object): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: dto });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { message: string[] }).message;
  }
}

describe('every request DTO', () => {
  it('is found (the walk below covers something)', () => {
    expect(DTOS.map((d) => d.dto.name)).toEqual(
      expect.arrayContaining([
        'ReferCaseDto',
        'PlanDto',
        'AuditQueryDto',
        'NotificationAddressDto',
      ]),
    );
  });

  it.each(DTOS.map((d) => [d.dto.name, d] as const))(
    '%s refuses NUL and other control characters in each field, naming it',
    async (_, { dto, properties, rules }) => {
      for (const property of properties) {
        // A number field turns text into NaN, which its integer rule refuses (naming the field).
        const expected = isNumber(rules, property)
          ? `${property} must be an integer number`
          : `${property} must not contain control characters`;
        for (const bad of ['a\u0000b', 'a\u001bb', 'a\u007fb']) {
          expect(await messagesOf(dto, { [property]: bad })).toContain(expected);
          if (isNumber(rules, property)) continue;
          // Inside arrays too (each string of a list field).
          expect(await messagesOf(dto, { [property]: ['ok', bad] })).toContain(
            `${property}.1 must not contain control characters`,
          );
        }
      }
    },
  );

  it.each(DTOS.map((d) => [d.dto.name, d] as const))(
    '%s takes line breaks and tabs in its free-text fields only',
    async (_, { dto, properties, rules }) => {
      for (const property of properties.filter((p) => !isNumber(rules, p))) {
        const found = await messagesOf(dto, { [property]: 'line one\n\tline two' });
        const refused = found.includes(`${property} must not contain line breaks or tabs`);
        expect([property, refused]).toEqual([property, !isFreeText(dto.prototype, property)]);
      }
    },
  );

  it.each(DTOS.map((d) => [d.dto.name, d] as const))(
    '%s counts lengths as the database does (no UTF-16 length rules)',
    (_, { rules }) => {
      const utf16 = rules.filter((r) =>
        ['isLength', 'maxLength', 'minLength'].includes(r.name ?? String(r.type)),
      );
      expect(utf16.map((r) => r.propertyName)).toEqual([]);
    },
  );
});

describe('nested DTOs', () => {
  it('name the path of the refused field', async () => {
    const { ReferCaseDto } = await import('../cases/dto/refer-case.dto');
    const found = await messagesOf(ReferCaseDto, {
      members: [
        { name: 'ok', relation: 'person' },
        { name: '太郎\u0000', relation: 'son' },
      ],
    });
    expect(found).toContain('members.1.name must not contain control characters');
  });
});
