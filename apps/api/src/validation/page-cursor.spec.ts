import { BadRequestException } from '@nestjs/common';
import { CURSOR_REFUSED, CursorScope, decodeCursor, encodeCursor } from './page-cursor';

const scope: CursorScope = {
  listing: 'tasks',
  municipality: '142042',
  actorId: 'coord-1',
  filters: { for: 'me', due: 'week' },
};
const token = Uint8Array.from([1, 2, 3, 250]);

function refusal(cursor: string, as: CursorScope = scope): string | undefined {
  try {
    decodeCursor(cursor, as);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  return undefined;
}

describe('page cursors', () => {
  it('give back the page token for the same caller and filters', () => {
    expect([...decodeCursor(encodeCursor(scope, token), scope)!]).toEqual([1, 2, 3, 250]);
    expect(decodeCursor(undefined, scope)).toBeUndefined();
  });

  it('do not depend on the order the filters are named in', () => {
    const cursor = encodeCursor(scope, token);
    expect(decodeCursor(cursor, { ...scope, filters: { due: 'week', for: 'me' } })).toBeDefined();
  });

  it('refuse, naming cursor, one given to another municipality, person or filter', () => {
    const cursor = encodeCursor(scope, token);
    expect(refusal(cursor, { ...scope, municipality: '122173' })).toBe(CURSOR_REFUSED);
    expect(refusal(cursor, { ...scope, actorId: 'coord-2' })).toBe(CURSOR_REFUSED);
    expect(refusal(cursor, { ...scope, filters: { for: 'role', due: 'week' } })).toBe(
      CURSOR_REFUSED,
    );
    expect(refusal(cursor, { ...scope, listing: 'cases' })).toBe(CURSOR_REFUSED);
    expect(CURSOR_REFUSED).toMatch(/^cursor /);
  });

  it('refuse garbled and hand-made cursors', () => {
    expect(refusal('not-a-cursor')).toBe(CURSOR_REFUSED);
    expect(refusal(Buffer.from('{"s":"x","t":"AQID"}').toString('base64url'))).toBe(CURSOR_REFUSED);
    expect(refusal(Buffer.from('null').toString('base64url'))).toBe(CURSOR_REFUSED);
  });
});
