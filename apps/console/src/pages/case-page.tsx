import { useEffect, useState } from 'react';
import { api, CaseView } from '../api/client';
import { acceptedMessageActions, actionForTask } from '../forms/task-actions';
import type { Session } from '../lib/auth';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, Loading, PageTitle, Problem, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';
import { ActionForm } from './action-form';
import { CaseHands } from './case-hands';
import { CaseReopen } from './case-reopen';
import { CaseMembers } from './case-members';
import { CaseNotes } from './case-notes';
import { CasePrintouts } from './case-printouts';

/** The process shows a step's next task a moment after the step: read the case again then. */
const SETTLE_MS = 1200;
/** An open case is read again this often: tasks open and fall due as time passes. */
const REFRESH_MS = 5000;

/** Which timeline entries each section of the case shows. */
const SECTIONS = {
  meetings: /^meeting/,
  plans: /^plan/,
  contacts: /^(contact|monitor|visit|participation)/,
} as const;

export function CasePage({ id, session }: { id: string; session: Session }) {
  const { t, code, taskName, lang } = useI18n();
  const { data, status, loading, reload } = useLoad(
    () => api.GET('/v1/cases/{id}', { params: { path: { id } } }),
    [id],
  );
  const notices = useLoad(() => api.GET('/v1/notifications'), [id]);
  const [view, setView] = useState<CaseView>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => setView(data), [data]);
  const running = view?.workflow.status === 'RUNNING';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  if (loading && !view) return <Loading />;
  if (!view) return <Problem status={status} />;
  const openTasks = (view.workflow.openTasks ?? []).filter((task) => actionForTask(task.elementId));
  const messages = acceptedMessageActions(view.workflow.accepts ?? []);
  const done = (after: CaseView | undefined, pending: boolean) => {
    if (after) setView(after);
    setSaved(pending ? t('savedPending') : t('saved'));
    setTimeout(reload, SETTLE_MS);
  };
  const entries = (pattern: RegExp) => view.timeline.filter((e) => pattern.test(e.event));
  const caseNotices = (notices.data ?? []).filter((n) => n.caseId === id);

  return (
    <>
      <PageTitle>
        {view.householdName}
        <span className="ml-4 text-std-20N-150 text-solid-gray-700">
          {code(view.stage)} ・ {code(view.status)}
        </span>
      </PageTitle>
      <p className="mb-4">
        <a className={linkClass} href={hrefOf({ page: 'diagram', id })}>
          {t('openDiagram')}
        </a>
      </p>
      {saved && (
        <p role="status" className="mb-4 rounded-8 border-2 border-success-1 p-3 text-success-2">
          {saved}
        </p>
      )}
      <Section title={t('household')}>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
          <dt className="font-bold">{t('caseId')}</dt>
          <dd>{view.id}</dd>
          <dt className="font-bold">{t('programme')}</dt>
          <dd>{code(view.programme)}</dd>
          <dt className="font-bold">{t('fields')}</dt>
          <dd>{view.fields.map(code).join('、') || '—'}</dd>
          <dt className="font-bold">{t('issueTags')}</dt>
          <dd>{view.issueTags.join('、') || '—'}</dd>
          <dt className="font-bold">{t('referringAgency')}</dt>
          <dd>{view.referringAgency}</dd>
          <dt className="font-bold">{t('coordinator')}</dt>
          <dd>{view.assignedCoordinator ?? '—'}</dd>
          <dt className="font-bold">{t('responsibleAgency')}</dt>
          <dd>{view.responsibleAgency ?? '—'}</dd>
          <dt className="font-bold">{t('consent')}</dt>
          <dd>{view.consentGiven ? t('yes') : t('no')}</dd>
          <dt className="font-bold">{t('summary')}</dt>
          <dd className="whitespace-pre-wrap">{view.summary ?? '—'}</dd>
        </dl>
      </Section>
      <CaseMembers
        caseId={id}
        members={view.members ?? []}
        mayEdit={coordinates(session)}
        onDone={() => {
          setSaved(t('saved'));
          reload();
        }}
      />
      <Section title={t('openTasks')}>
        {openTasks.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          openTasks.map((task) => {
            const action = actionForTask(task.elementId)!;
            const mine = session.roles.includes(task.role);
            return (
              <article
                key={task.elementId}
                className="mb-6 rounded-8 border border-solid-gray-300 p-4"
              >
                <h3 className="text-std-20B-150">{taskName(task)}</h3>
                <p className="mb-3 text-solid-gray-700">
                  {t('due')}: {formatDateTime(task.dueAt, lang)}
                  {task.overdue && (
                    <strong className="ml-2 text-error-2">{t('overdue')}</strong>
                  )} ・ {task.role}
                </p>
                {mine ? <ActionForm caseId={id} action={action} onDone={done} /> : null}
              </article>
            );
          })
        )}
      </Section>
      {messages.length > 0 && (
        <Section title={t('actions')}>
          {messages.map((action) => (
            <details key={action} className="mb-3 rounded-8 border border-solid-gray-300 p-4">
              <summary className="cursor-pointer text-std-16B-170">
                {code(`action.${action}`)}
              </summary>
              <div className="mt-3">
                <ActionForm caseId={id} action={action} onDone={done} />
              </div>
            </details>
          ))}
        </Section>
      )}
      <CaseNotes caseId={id} mayWrite={writesNotes(session)} />
      {coordinates(session) && <CasePrintouts caseId={id} />}
      {assigns(session) && <CaseHands caseId={id} onDone={(after) => done(after, false)} />}
      {coordinates(session) && !running && view.workflow.status !== 'NOT_FOUND' && (
        <CaseReopen caseId={id} onDone={done} />
      )}
      <Section title={t('meetings')}>
        <Entries entries={entries(SECTIONS.meetings)} />
      </Section>
      <Section title={t('plans')}>
        <Entries entries={entries(SECTIONS.plans)} />
      </Section>
      <Section title={t('contacts')}>
        <Entries entries={entries(SECTIONS.contacts)} />
      </Section>
      <Section title={t('notices')}>
        {caseNotices.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="list-disc pl-6">
            {caseNotices.map((n) => (
              <li key={n.id}>
                {code(n.kind)} ・ {n.taskName ?? n.elementId} ・ {formatDateTime(n.createdAt, lang)}
                {n.acknowledgedAt ? ` ・ ${t('acknowledged')}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t('timeline')}>
        <Entries entries={view.timeline} />
      </Section>
    </>
  );
}

/**
 * What the console offers each role; the API decides (on the stored case) and its refusal is
 * shown if the console offered too much.
 */
const writesNotes = (s: Session) =>
  s.roles.includes('coordinator') || s.roles.includes('agency_staff');
/** Printouts and the household's members are the coordinator's. */
const coordinates = (s: Session) => s.roles.includes('coordinator');
/** Reassignment and transfer: coordinators, and managers, whose work assigning the work is. */
const assigns = (s: Session) => s.roles.includes('coordinator') || s.roles.includes('manager');

/** A date-time as staff read it (Tokyo, 令和); a list joined; a code in words. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function Entries({ entries }: { entries: CaseView['timeline'] }) {
  const { t, code, lang } = useI18n();
  const detailValue = (v: unknown): string =>
    Array.isArray(v)
      ? v.join('、')
      : typeof v === 'string'
        ? ISO_INSTANT.test(v)
          ? formatDateTime(v, lang)
          : code(v)
        : JSON.stringify(v);
  if (!entries.length) return <p>{t('none')}</p>;
  return (
    <table className="w-full border-collapse text-left">
      <thead>
        <tr className="border-b-2 border-solid-gray-600">
          <th scope="col" className="py-2 pr-4">
            {t('event')}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t('detail')}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t('recordedBy')}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t('recordedAt')}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.event}-${i}`} className="border-b border-solid-gray-200 align-top">
            <td className="py-2 pr-4">{code(e.event)}</td>
            <td className="py-2 pr-4">
              {Object.entries(e.detail as Record<string, unknown>)
                .map(([k, v]) => `${code(k)}: ${detailValue(v)}`)
                .join(' ／ ')}
            </td>
            <td className="py-2 pr-4">{e.recordedBy ?? '—'}</td>
            <td className="py-2 pr-4">{formatDateTime(String(e.recordedAt), lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
