import { containsPattern, searchableName } from './household-search';

describe('household name search', () => {
  it('ignores blanks of either width and folds width and case', () => {
    expect(searchableName('腰越\u3000太郎 世帯')).toBe('腰越太郎世帯');
    expect(searchableName('ｺｼｺﾞｴ')).toBe('コシゴエ');
    expect(searchableName('ＳＡＴＯ')).toBe('sato');
  });

  it('takes LIKE wildcards in the query literally', () => {
    expect(containsPattern('100%_a')).toBe('%100\\%\\_a%');
  });
});
