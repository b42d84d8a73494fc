import { createHash } from 'node:crypto';
import { canonicalJson, contentHash } from './content-hash';

const nodeSha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('contentHash', () => {
  it.each([
    ['an empty object', {}],
    ['Japanese names across block boundaries', { name: '重層的支援会議'.repeat(20), n: 1 }],
    ['a 55-byte and a 64-byte message', { a: 'x'.repeat(47), b: 'y'.repeat(50) }],
    [
      'a large definition-like value',
      { elements: Array.from({ length: 500 }, (_, i) => ({ id: `e${i}` })) },
    ],
  ])('is the SHA-256 of the canonical JSON for %s', (_, value) => {
    expect(contentHash(value)).toBe(nodeSha256(canonicalJson(value)));
  });

  it('ignores the order keys were written in, and not the order of arrays', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: null } })).toBe(
      contentHash({ b: { d: null, c: [1, 2] }, a: 1 }),
    );
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
  });

  it('changes with any value', () => {
    expect(contentHash({ version: 1 })).not.toBe(contentHash({ version: 2 }));
  });
});
