import { useState } from 'react';
import { api, Schemas } from '../api/client';
import { formatPeriod } from '../lib/format';
import { useI18n } from '../lib/i18n';
import {
  buttonClass,
  inputClass,
  PageTitle,
  Problem,
  Section,
  secondaryButtonClass,
} from '../lib/ui';

type Figures = Schemas['StatisticsFigures'];
type Kind = 'month' | 'year';

/** The figures as rows of (what, how many): nested counts become dotted names. */
export function figureRows(figures: Figures): [string, number][] {
  const rows: [string, number][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'number') rows.push([prefix, value]);
    else if (Array.isArray(value)) {
      for (const item of value as Record<string, unknown>[]) {
        const name = String(item.agency ?? item.kind ?? item.name ?? '');
        for (const [k, v] of Object.entries(item))
          if (typeof v === 'number') rows.push([`${prefix}.${name}.${k}`, v]);
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    }
  };
  walk('', figures);
  return rows;
}

function thisMonth(): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
  }).format(new Date());
}
function thisFiscalYear(): string {
  const [y, m] = thisMonth().split('-').map(Number);
  return String(m >= 4 ? y : y - 1);
}

export function StatisticsPage() {
  const { t, code, lang } = useI18n();
  const [kind, setKind] = useState<Kind>('month');
  const [month, setMonth] = useState(thisMonth());
  const [year, setYear] = useState(thisFiscalYear());
  const [shown, setShown] = useState<{
    label: string;
    figures: Figures;
    months?: Schemas['MonthStatisticsView'][];
  }>();
  const [status, setStatus] = useState<number>();
  const [csv, setCsv] = useState<{ url: string; name: string }>();

  async function show(event: React.FormEvent) {
    event.preventDefault();
    if (csv) URL.revokeObjectURL(csv.url);
    setCsv(undefined);
    if (kind === 'month') {
      const res = await api.GET('/v1/statistics/monthly', { params: { query: { month } } });
      setStatus(res.response.status);
      const data = res.data as Schemas['MonthlyStatisticsView'] | undefined;
      setShown(data && { label: data.period.label, figures: data.figures });
    } else {
      const res = await api.GET('/v1/statistics/fiscal-year', { params: { query: { year } } });
      setStatus(res.response.status);
      const data = res.data as Schemas['FiscalYearStatisticsView'] | undefined;
      setShown(data && { label: data.period.label, figures: data.figures, months: data.months });
    }
  }

  async function download() {
    const res =
      kind === 'month'
        ? await api.GET('/v1/statistics/monthly', {
            params: { query: { month, format: 'csv' } },
            parseAs: 'text',
          })
        : await api.GET('/v1/statistics/fiscal-year', {
            params: { query: { year, format: 'csv' } },
            parseAs: 'text',
          });
    if (!res.response.ok || typeof res.data !== 'string') return setStatus(res.response.status);
    const url = URL.createObjectURL(new Blob([res.data], { type: 'text/csv' }));
    setCsv({ url, name: `statistics-${kind === 'month' ? month : year}.csv` });
  }

  const byProgramme = shown ? Object.entries(shown.figures.consultations.byProgramme) : [];
  return (
    <>
      <PageTitle>{t('statistics')}</PageTitle>
      <form onSubmit={(e) => void show(e)} className="mb-6 flex flex-wrap items-end gap-4">
        <fieldset className="flex gap-4">
          <legend className="sr-only">{t('statistics')}</legend>
          {(['month', 'year'] as Kind[]).map((k) => (
            <label key={k} className="inline-flex items-center gap-2">
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              {k === 'month' ? t('month') : t('fiscalYear')}
            </label>
          ))}
        </fieldset>
        {kind === 'month' ? (
          <div>
            <label htmlFor="stat-month" className="block text-std-16B-170">
              {t('month')}
            </label>
            <input
              id="stat-month"
              type="month"
              className={inputClass}
              value={month}
              onChange={(e) => setMonth(e.target.value)}
            />
          </div>
        ) : (
          <div>
            <label htmlFor="stat-year" className="block text-std-16B-170">
              {t('fiscalYear')}
            </label>
            <input
              id="stat-year"
              inputMode="numeric"
              className={inputClass}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </div>
        )}
        <button type="submit" className={buttonClass}>
          {t('show')}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => void download()}>
          {t('downloadCsv')}
        </button>
        {csv && (
          <a href={csv.url} download={csv.name} className="underline text-blue-1000">
            {csv.name}
          </a>
        )}
      </form>
      {status !== undefined && status >= 400 && <Problem status={status} />}
      {shown && (
        <>
          <Section title={`${formatPeriod(shown.label, lang)} ・ ${t('chart')}`}>
            <BarChart
              title={code('consultation')}
              bars={
                shown.months
                  ? shown.months.map((m) => [
                      formatPeriod(m.period.label, lang),
                      m.figures.consultations.total,
                    ])
                  : byProgramme.map(([p, n]) => [code(p), n])
              }
            />
          </Section>
          <Section title={`${formatPeriod(shown.label, lang)} ・ ${t('table')}`}>
            <table className="w-full border-collapse text-left">
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className="py-2 pr-4">
                    {t('statistics')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {figureRows(shown.figures).map(([name, n]) => (
                  <tr key={name} className="border-b border-solid-gray-200">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {name}
                    </th>
                    <td className="py-1 pr-4 text-right">{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </>
  );
}

/** A bar chart as SVG with its figures in text as well (the table below holds them all). */
function BarChart({ title, bars }: { title: string; bars: [string, number][] }) {
  const max = Math.max(1, ...bars.map(([, n]) => n));
  const row = 32;
  return (
    <figure>
      <svg
        role="img"
        aria-label={`${title}: ${bars.map(([l, n]) => `${l} ${n}`).join(', ')}`}
        width="100%"
        height={bars.length * row + 8}
        viewBox={`0 0 640 ${bars.length * row + 8}`}
      >
        {bars.map(([label, n], i) => (
          <g key={label} transform={`translate(0 ${i * row + 4})`}>
            <text x="0" y="18" fontSize="14" fill="#1a1a1a">
              {label}
            </text>
            <rect x="200" y="4" height="20" width={(n / max) * 380} fill="#0017c1" />
            <text x={210 + (n / max) * 380} y="18" fontSize="14" fill="#1a1a1a">
              {n}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-solid-gray-700">{title}</figcaption>
    </figure>
  );
}
