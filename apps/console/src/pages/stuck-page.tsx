import { useEffect, useState } from 'react';
import { api, CaseListItem, Schemas } from '../api/client';
import { caseWorkflowId } from '../../../../libs/domain/src/case/case-id';
import type { paths } from '../api/schema';
import type { ConsoleConfig } from '../lib/auth';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, Loading, PageTitle, Problem, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';

type StuckName = paths['/v1/cases/stuck/{name}']['get']['parameters']['path']['name'];

/** For managers: each stuck-case filter with its count, its cases, and each in the Temporal UI. */
export function StuckPage({ config }: { config: ConsoleConfig }) {
  const { t, code, lang } = useI18n();
  const kinds = useLoad(() => api.GET('/v1/cases/stuck'), []);
  const [found, setFound] = useState<Record<string, CaseListItem[] | number>>({});
  useEffect(() => {
    for (const kind of (kinds.data ?? []) as Schemas['StuckCaseDefinitionView'][]) {
      void api
        .GET('/v1/cases/stuck/{name}', { params: { path: { name: kind.name as StuckName } } })
        .then((res) => setFound((f) => ({ ...f, [kind.name]: res.data ?? res.response.status })));
    }
  }, [kinds.data]);
  const temporalLink = (id: string) =>
    config.temporalUiUrl
      ? `${config.temporalUiUrl}/namespaces/${encodeURIComponent(config.temporalNamespace)}/workflows/${caseWorkflowId(id)}`
      : undefined;

  return (
    <>
      <PageTitle>{t('stuck')}</PageTitle>
      <p className="mb-6">{t('stuckLead')}</p>
      {kinds.loading ? (
        <Loading />
      ) : !kinds.data ? (
        <Problem status={kinds.status} />
      ) : (
        kinds.data.map((kind) => {
          const rows = found[kind.name];
          return (
            <Section
              key={kind.name}
              title={`${code(kind.name)}（${Array.isArray(rows) ? rows.length : '…'}${t('count')}）`}
            >
              {rows === undefined ? (
                <Loading />
              ) : !Array.isArray(rows) ? (
                <Problem status={rows} />
              ) : rows.length === 0 ? (
                <p>{t('none')}</p>
              ) : (
                <ul className="list-disc pl-6">
                  {rows.map((c) => (
                    <li key={c.id}>
                      <a className={linkClass} href={hrefOf({ page: 'case', id: c.id })}>
                        {c.id}
                      </a>{' '}
                      ・ {c.stage ? code(c.stage) : '—'} ・ {t('due')}{' '}
                      {formatDateTime(c.nextDueAt, lang)}
                      {temporalLink(c.id) && (
                        <>
                          {' '}
                          ・{' '}
                          <a
                            className={linkClass}
                            href={temporalLink(c.id)}
                            target="_blank"
                            rel="noreferrer"
                          >
                            {t('temporalUi')}
                            <span className="sr-only">（{c.id}）</span>
                          </a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          );
        })
      )}
    </>
  );
}
