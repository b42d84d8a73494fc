import { api, Schemas } from '../api/client';
import type { Session } from '../lib/auth';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, Loading, PageTitle, Problem, secondaryButtonClass, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';
import { WorkWindow, workWindow } from '../lib/work-windows';

const WINDOWS: WorkWindow[] = ['overdue', 'today', 'week', 'later'];
/** Pages of GET /v1/tasks read at most (each of its largest page). */
const PAGES_READ = 4;
const TASKS_PER_PAGE = 100;

type TaskItem = Schemas['TaskItem'];
type MyTask = TaskItem & { elementId: string };

/**
 * My open tasks across the cases I may see, from GET /v1/tasks: coordinators those of the cases
 * assigned to them, agency staff and managers those of their role (managers: every task).
 */
async function loadMyTasks(session: Session) {
  const scope = session.roles.includes('coordinator') ? 'me' : 'role';
  const tasks: MyTask[] = [];
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    const res = await api.GET('/v1/tasks', {
      params: { query: { for: scope, limit: TASKS_PER_PAGE, ...(cursor ? { cursor } : {}) } },
    });
    if (!res.data) return { response: res.response };
    tasks.push(...res.data.tasks.map((t) => ({ ...t, elementId: t.taskId })));
    cursor = res.data.nextCursor ?? undefined;
    if (!cursor || page + 1 >= PAGES_READ) {
      return { data: { tasks }, response: res.response };
    }
  }
}

export function MyWorkPage({ session }: { session: Session }) {
  const { t, taskName, lang } = useI18n();
  const { data, status, loading, reload } = useLoad(() => loadMyTasks(session), [session.user]);
  const now = new Date();
  const grouped = Object.fromEntries(
    WINDOWS.map((w) => [w, (data?.tasks ?? []).filter((task) => workWindow(task, now) === w)]),
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
                        <td className="py-2 pr-4">
                          {taskName({ ...task, name: lang === 'ja' ? task.nameJa : task.name })}
                        </td>
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
        </>
      )}
    </>
  );
}
