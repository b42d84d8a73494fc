import { useState } from 'react';
import { api, CaseListItem } from '../api/client';
import type { paths } from '../api/schema';
import document from '../api/openapi.json';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import {
  buttonClass,
  inputClass,
  linkClass,
  Loading,
  PageTitle,
  Problem,
  Section,
} from '../lib/ui';

type Query = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;

/** The filters' choices, from the API document (each fact spelled once: the DTO's enums). */
function choices(name: string): string[] {
  const params = (document.paths['/v1/cases'].get.parameters ?? []) as {
    name: string;
    schema?: { enum?: string[] };
  }[];
  return params.find((p) => p.name === name)?.schema?.enum ?? [];
}

export function CasesPage() {
  const { t, code, lang } = useI18n();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [rows, setRows] = useState<CaseListItem[]>();
  const [status, setStatus] = useState<number>();
  const [loading, setLoading] = useState(false);

  async function search(event?: React.FormEvent) {
    event?.preventDefault();
    setLoading(true);
    const query: Query = { limit: 200 };
    if (filters.stage) query.stage = filters.stage as Query['stage'];
    if (filters.programme) query.programme = filters.programme as Query['programme'];
    if (filters.coordinator) query.coordinator = filters.coordinator;
    if (filters.household?.trim()) query.household = filters.household.trim();
    if (filters.overdue) query.overdue = filters.overdue === 'true';
    const res = await api.GET('/v1/cases', { params: { query } });
    setRows(res.data);
    setStatus(res.response.status);
    setLoading(false);
  }

  const select = (name: 'stage' | 'programme', options: string[]) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-std-16B-170">
        {t(name)}
      </label>
      <select
        id={`filter-${name}`}
        className={inputClass}
        value={filters[name] ?? ''}
        onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
      >
        <option value="">{t('any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {code(o)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <PageTitle>{t('cases')}</PageTitle>
      <form
        onSubmit={(e) => void search(e)}
        className="mb-6 flex flex-wrap items-end gap-4"
        role="search"
      >
        <div>
          <label htmlFor="filter-household" className="block text-std-16B-170">
            {t('householdSearch')}
          </label>
          <input
            id="filter-household"
            type="search"
            className={inputClass}
            value={filters.household ?? ''}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setFilters({ ...filters, household: e.target.value })}
          />
        </div>
        {select('stage', choices('stage'))}
        {select('programme', choices('programme'))}
        <div>
          <label htmlFor="filter-coordinator" className="block text-std-16B-170">
            {t('coordinator')}
          </label>
          <input
            id="filter-coordinator"
            className={inputClass}
            value={filters.coordinator ?? ''}
            autoComplete="off"
            onChange={(e) => setFilters({ ...filters, coordinator: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="filter-overdue" className="block text-std-16B-170">
            {t('overdue')}
          </label>
          <select
            id="filter-overdue"
            className={inputClass}
            value={filters.overdue ?? ''}
            onChange={(e) => setFilters({ ...filters, overdue: e.target.value })}
          >
            <option value="">{t('any')}</option>
            <option value="true">{t('yes')}</option>
            <option value="false">{t('no')}</option>
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          {t('search')}
        </button>
      </form>
      {loading ? (
        <Loading />
      ) : rows === undefined ? (
        status !== undefined && <Problem status={status} />
      ) : (
        <Section title={`${t('cases')}（${rows.length}${t('count')}）`}>
          <CaseTable rows={rows} lang={lang} />
        </Section>
      )}
    </>
  );
}

export function CaseTable({ rows, lang }: { rows: CaseListItem[]; lang: 'ja' | 'en' }) {
  const { t, code } = useI18n();
  if (!rows.length) return <p>{t('none')}</p>;
  // The API names the households for those who list cases (coordinators, managers) only.
  const named = rows.some((c) => c.householdName != null);
  return (
    <table className="w-full border-collapse text-left">
      <thead>
        <tr className="border-b-2 border-solid-gray-600">
          <th scope="col" className="py-2 pr-4">
            {t('caseId')}
          </th>
          {named && (
            <th scope="col" className="py-2 pr-4">
              {t('household')}
            </th>
          )}
          <th scope="col" className="py-2 pr-4">
            {t('programme')}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t('stage')}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t('due')}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t('overdue')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id} className="border-b border-solid-gray-200">
            <td className="py-2 pr-4">
              <a className={linkClass} href={hrefOf({ page: 'case', id: c.id })}>
                {c.id}
              </a>
            </td>
            {named && <td className="py-2 pr-4">{c.householdName ?? '—'}</td>}
            <td className="py-2 pr-4">{code(c.programme)}</td>
            <td className="py-2 pr-4">{c.stage ? code(c.stage) : '—'}</td>
            <td className="py-2 pr-4">{formatDateTime(c.nextDueAt, lang)}</td>
            <td className="py-2 pr-4">
              {c.overdue ? <strong className="text-error-2">{t('overdue')}</strong> : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
