import type { Lang } from './i18n';

/**
 * Dates and times as staff read them: in Asia/Tokyo, in Japanese with the era (令和8年12月2日),
 * or in English with the zone named.
 */
export function formatDateTime(iso: string | Date | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '—';
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  };
  if (lang === 'ja') {
    return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...options, era: 'long' }).format(date);
  }
  return `${new Intl.DateTimeFormat('en-GB', options).format(date)} JST`;
}

/** A month label (YYYY-MM) or fiscal year (YYYY) as 令和8年4月 / 令和8年度. */
export function formatPeriod(label: string, lang: Lang): string {
  const [year, month] = label.split('-').map(Number);
  if (lang !== 'ja') return month ? label : `FY${label}`;
  const date = new Date(Date.UTC(year, (month ?? 4) - 1, 15));
  const era = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    timeZone: 'Asia/Tokyo',
  }).format(date);
  return month ? `${era}${month}月` : `${era}度`;
}

/**
 * A calendar date (YYYY-MM-DD, no time and no zone: a member's joining day) as 令和8年4月1日, or
 * 1 Apr 2026. Read as that day itself, not as an instant shifted into a zone.
 */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!match) return '—';
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'UTC',
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
  };
  return lang === 'ja'
    ? new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...options, era: 'long' }).format(day)
    : new Intl.DateTimeFormat('en-GB', options).format(day);
}
