import { prototypeKeyPath } from './prototype-keys';

describe('prototype keys', () => {
  it('finds __proto__, constructor and prototype anywhere in a parsed body, naming the path', () => {
    expect(prototypeKeyPath(JSON.parse('{"__proto__": {"admin": true}}'))).toBe('__proto__');
    expect(prototypeKeyPath(JSON.parse('{"members": [{"name": "a", "constructor": 1}]}'))).toBe(
      'members.0.constructor',
    );
    expect(prototypeKeyPath({ a: { b: { prototype: null } } })).toBe('a.b.prototype');
  });

  it('passes bodies without them, and values that are such words', () => {
    expect(prototypeKeyPath({ note: '__proto__', needs: ['constructor'] })).toBeNull();
    expect(prototypeKeyPath(undefined)).toBeNull();
  });
});
