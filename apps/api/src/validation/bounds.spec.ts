import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { validateSync } from 'class-validator';
import { IsDuration, IsMeetingTime, IsTimestamp, ParseRowIdPipe, ROW_ID_MAX } from './bounds';
import { nestsDeeperThan } from './json-depth';
import { characters, urlHasControlCharacters } from './text';

class Sample {
  @IsDuration('P1M') interval!: string;
  @IsTimestamp() at!: string;
}
const refused = (values: Partial<Sample>) =>
  validateSync(
    Object.assign(new Sample(), { interval: 'P1M', at: '2026-04-01T10:00:00+09:00', ...values }),
  ).map((e) => e.property);

describe('input bounds', () => {
  it('takes durations up to ten years, and none that would overflow a timer or a column', () => {
    expect(refused({ interval: 'P2W' })).toEqual([]);
    expect(refused({ interval: 'P10Y' })).toEqual([]);
    for (const interval of [
      'P11Y',
      'P99999999999999999999Y',
      'P',
      'PT',
      '1M',
      'P0001Y0000M0000W0000DT00000H00000M',
    ]) {
      expect(refused({ interval })).toEqual(['interval']);
    }
  });

  it('takes date-times with a zone that exist, from 1970 to 9999', () => {
    expect(refused({ at: '2026-04-01T10:00:00.123Z' })).toEqual([]);
    for (const at of [
      '2026-02-30T10:00:00Z',
      '0000-01-01T00:00:00Z',
      '2026-04-01T10:00:00',
      '+275760-09-13T00:00:00Z',
      '2026-04-01',
    ]) {
      expect(refused({ at })).toEqual(['at']);
    }
  });

  it('takes a meeting time only ahead of now, by the domain rule, naming the field', () => {
    class Meeting {
      @IsMeetingTime() scheduledAt!: string;
    }
    const messages = (scheduledAt: string) =>
      validateSync(Object.assign(new Meeting(), { scheduledAt })).flatMap((e) =>
        Object.values(e.constraints ?? {}),
      );
    expect(messages(new Date(Date.now() + 60_000).toISOString())).toEqual([]);
    expect(messages('2020-04-01T10:00:00+09:00')).toEqual([
      'scheduledAt must be in the future: a meeting is not scheduled in the past',
    ]);
    expect(messages('2099-02-30T10:00:00+09:00')[0]).toMatch(/^scheduledAt must be an ISO 8601/);
    expect(messages('2099-04-01T10:00:00')[0]).toMatch(/with a zone offset/);
  });

  it('takes row ids a bigint and JavaScript hold, and nothing else', () => {
    const pipe = new ParseRowIdPipe();
    expect(pipe.transform('42')).toBe(42);
    expect(pipe.transform(String(ROW_ID_MAX))).toBe(ROW_ID_MAX);
    for (const id of [
      '0',
      '-1',
      '99999999999999999999',
      '9007199254740993',
      '1e3',
      '1\u0000',
      '',
    ]) {
      expect(() => pipe.transform(id)).toThrow(BadRequestException);
    }
  });

  it('finds JSON nested too deep in one pass, ignoring brackets inside strings', () => {
    expect(nestsDeeperThan(Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)))).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":[[{"b":1}]]}'), 4)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('{"a":[[{"b":1}]]}'), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(`{"a":"${'['.repeat(100)}\\"["}`), 1)).toBe(false);
  });

  it('counts characters as PostgreSQL does: code points, variation selectors included', () => {
    expect(characters('深沢')).toBe(2);
    expect(characters('😀'.repeat(150))).toBe(150);
    expect(characters('♥️')).toBe(2);
  });

  it('finds control characters in a URL, raw or percent-encoded, and nothing else', () => {
    for (const url of [
      '/v1/audit?action=a%00',
      '/v1/x?y=%1B',
      '/v1/x?y=%7f',
      '/v1/x?y=%C2%85',
      '/v1/\u0000',
    ]) {
      expect([url, urlHasControlCharacters(url)]).toEqual([url, true]);
    }
    for (const url of ['/v1/cases?stage=consent', '/v1/x?y=%E6%B7%B1%20', '/v1/x?y=%25000']) {
      expect([url, urlHasControlCharacters(url)]).toEqual([url, false]);
    }
  });
});
