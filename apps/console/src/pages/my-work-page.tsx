import { api, OpenTask } from '../api/client';
import type { Session } from '../lib/auth';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, Loading, PageTitle, Problem, secondaryButtonClass, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';
import { WorkWindow, workWindow } from '../lib/work-windows';

const WINDOWS: WorkWindow[] = ['overdue', 'today', 'week', 'later'];
/** Cases read for my work at most; the list API's page. */
const CASES_READ = 200;

interface MyTask extends OpenTask {
  caseId: string;
}

/**
 * Open tasks for my roles across the cases I may see. GET /v1/tasks is being built (the actions
 * branch); until it lands the cases are those of the case list (coordinators and managers may
 * list) and of my notices (agency staff may not list, and are told of the cases they work on),
 * and the tasks each case's own view shows.
 */
async function loadMyTasks(session: Session) {
  const [list, notices] = await Promise.all([
    api.GET('/v1/cases', { params: { query: { limit: CASES_READ } } }),
    api.GET('/v1/notifications'),
  ]);
  if (!list.data && !notices.data) return { response: list.response };
  const ids = new Set([
    ...(list.data ?? []).filter((c) => c.status === 'RUNNING').map((c) => c.id),
    ...(notices.data ?? []).map((n) => n.caseId),
  ]);
  const views = await Promise.all(
    [...ids].map((id) => api.GET('/v1/cases/{id}', { params: { path: { id } } })),
  );
  const tasks: MyTask[] = views.flatMap((v) =>
    (v.data?.workflow.openTasks ?? [])
      .filter((t) => session.roles.includes(t.role))
      .map((t) => ({ ...t, caseId: v.data!.id })),
  );
  return { data: tasks, response: notices.data ? notices.response : list.response };
}

export function MyWorkPage({ session }: { session: Session }) {
  const { t, taskName, lang } = useI18n();
  const { data, status, loading, reload } = useLoad(() => loadMyTasks(session), [session.user]);
  const now = new Date();
  const grouped = Object.fromEntries(
    WINDOWS.map((w) => [w, (data ?? []).filter((task) => workWindow(task, now) === w)]),
  ) as Record<WorkWindow, MyTask[]>;
  return (
    <>
      <PageTitle>{t('myWork')}</PageTitle>
      <button type="button" className={`${secondaryButtonClass} mb-4`} onClick={reload}>
        {t('reload')}
      </button>
      {loading && !data ? (
        <Loading />
      ) : !data ? (
        <Problem status={status} />
      ) : (
        <>
          <ul className="mb-6 flex flex-wrap gap-4" aria-label={t('myWork')}>
            {WINDOWS.map((w) => (
              <li
                key={w}
                className={`rounded-8 border-2 px-4 py-3 ${w === 'overdue' && grouped[w].length ? 'border-error-1' : 'border-solid-gray-300'}`}
              >
                <span className="block text-std-16B-170">{t(w)}</span>
                <span className="text-std-28B-150" data-testid={`count-${w}`}>
                  {grouped[w].length}
                </span>
                {t('count')}
              </li>
            ))}
          </ul>
          {WINDOWS.map((w) => (
            <Section key={w} title={t(w)}>
              {grouped[w].length === 0 ? (
                <p>{t('none')}</p>
              ) : (
                <table className="w-full border-collapse text-left">
                  <thead>
                    <tr className="border-b-2 border-solid-gray-600">
                      <th scope="col" className="py-2 pr-4">
                        {t('task')}
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        {t('case')}
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        {t('due')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {grouped[w].map((task) => (
                      <tr
                        key={`${task.caseId}-${task.elementId}`}
                        className="border-b border-solid-gray-200"
                      >
                        <td className="py-2 pr-4">{taskName(task)}</td>
                        <td className="py-2 pr-4">
                          <a className={linkClass} href={hrefOf({ page: 'case', id: task.caseId })}>
                            {task.caseId.slice(0, 8)}
                          </a>
                        </td>
                        <td className="py-2 pr-4">{formatDateTime(task.dueAt, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
          ))}
          <p className="text-std-16N-170 text-solid-gray-700">{t('derivedNote')}</p>
        </>
      )}
    </>
  );
}
