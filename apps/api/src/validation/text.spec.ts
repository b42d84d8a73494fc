import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { Text } from './text';

class Household {
  @Text({ max: 200 }) name!: string;
  @Text({ max: 200, each: true }) needs!: string[];
}
const messages = (values: Partial<Household>) =>
  validateSync(
    Object.assign(new Household(), { name: '鎌倉 太郎', needs: ['住まい'], ...values }),
  ).flatMap((e) => Object.values(e.constraints ?? {}));

describe('text fields, as the database stores them', () => {
  it('refuses names of only blanks, the ideographic space (U+3000) included, naming the field', () => {
    expect(messages({})).toEqual([]);
    for (const name of [' ', '   ', '\u3000', '\u3000 \u3000']) {
      expect(messages({ name })).toEqual(['name must not be blank (spaces or U+3000 only)']);
    }
    expect(messages({ needs: ['\u3000'] })).toEqual([
      'needs items must not be blank (spaces or U+3000 only)',
    ]);
    expect(messages({ name: '\u3000鎌倉' })).toEqual([]);
  });

  it('refuses unpaired surrogates, which have no UTF-8 form and would be stored changed', () => {
    expect(messages({ name: '鎌倉\uD83D' })[0]).toMatch(/^name must be well-formed Unicode/);
    expect(messages({ name: '😀'.repeat(200) })).toEqual([]);
  });

  it('counts code points, so 150 emoji with variation selectors do not pass a 200 bound', () => {
    expect(messages({ name: '♥️'.repeat(150) })).toEqual(['name must be 1 to 200 characters long']);
  });
});
