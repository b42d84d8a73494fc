import { useState } from 'react';
import { api } from '../api/client';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, Loading, PageTitle, Problem, secondaryButtonClass } from '../lib/ui';
import { useLoad } from '../lib/use-api';

export function InboxPage() {
  const { t, code, lang } = useI18n();
  const [onlyOpen, setOnlyOpen] = useState(true);
  const { data, status, loading, reload } = useLoad(
    () =>
      api.GET('/v1/notifications', { params: { query: onlyOpen ? { unacknowledged: true } : {} } }),
    [onlyOpen],
  );
  async function acknowledge(id: string) {
    await api.POST('/v1/notifications/{id}/acknowledge', { params: { path: { id } } });
    reload();
  }
  return (
    <>
      <PageTitle>{t('inbox')}</PageTitle>
      <label className="mb-4 inline-flex items-center gap-2">
        <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
        {t('onlyUnacknowledged')}
      </label>
      {loading && !data ? (
        <Loading />
      ) : !data ? (
        <Problem status={status} />
      ) : data.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              <th scope="col" className="py-2 pr-4">
                {t('inbox')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('task')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('case')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('due')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('status')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((n) => (
              <tr key={n.id} className="border-b border-solid-gray-200">
                <td className="py-2 pr-4">
                  {code(n.kind)}
                  <br />
                  <span className="text-solid-gray-700">{formatDateTime(n.createdAt, lang)}</span>
                </td>
                <td className="py-2 pr-4">{n.taskName ?? n.elementId}</td>
                <td className="py-2 pr-4">
                  <a className={linkClass} href={hrefOf({ page: 'case', id: n.caseId })}>
                    {n.caseId.slice(0, 8)}
                  </a>
                </td>
                <td className="py-2 pr-4">{formatDateTime(n.dueAt, lang)}</td>
                <td className="py-2 pr-4">
                  {n.acknowledgedAt ? (
                    t('acknowledged')
                  ) : (
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      onClick={() => void acknowledge(n.id)}
                    >
                      {t('acknowledge')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
