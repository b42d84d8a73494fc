import { equals, isIn, quoted } from './list-filter';

describe('List Filter values', () => {
  it('keep a quote inside the literal instead of ending it', () => {
    expect(quoted("142042' OR Municipality != '1")).toBe("'142042\\' OR Municipality != \\'1'");
    expect(equals('Municipality', "a'b")).toBe("Municipality = 'a\\'b'");
  });

  it('escape backslashes first, so an escaped quote cannot be unescaped by the value', () => {
    expect(quoted("a\\' OR 1=1")).toBe("'a\\\\\\' OR 1=1'");
    expect(quoted('say "x"')).toBe('\'say \\"x\\"\'');
  });

  it('refuse NUL and other control characters', () => {
    expect(() => quoted('142042\u0000')).toThrow(RangeError);
    expect(() => quoted('a\nb')).toThrow(RangeError);
  });

  it('quote each member of an IN list, and refuse an empty one', () => {
    expect(isIn('WorkflowId', ['case-1', "case-'2"])).toBe("WorkflowId IN ('case-1', 'case-\\'2')");
    expect(() => isIn('WorkflowId', [])).toThrow(RangeError);
  });
});
