import { useEffect, useMemo, useRef, useState } from 'react';
import {
  beginSignIn,
  completeSignIn,
  ConsoleConfig,
  currentSession,
  loadConfig,
  Session,
  signOut,
} from './lib/auth';
import { i18n, I18nContext, Lang, MessageKey, useI18n } from './lib/i18n';
import { hrefOf, Route, useRoute } from './lib/route';
import { buttonClass, Loading, secondaryButtonClass } from './lib/ui';
import { CasePage } from './pages/case-page';
import { CasesPage } from './pages/cases-page';
import { DiagramPage } from './pages/diagram-page';
import { InboxPage } from './pages/inbox-page';
import { MyWorkPage } from './pages/my-work-page';
import { NoticeAddressesPage } from './pages/notice-addresses-page';
import { ReferPage } from './pages/refer-page';
import { StatisticsPage } from './pages/statistics-page';
import { StuckPage } from './pages/stuck-page';

const NAV: { route: Route; label: MessageKey; roles?: string[] }[] = [
  { route: { page: 'work' }, label: 'myWork' },
  { route: { page: 'cases' }, label: 'cases', roles: ['coordinator', 'manager'] },
  { route: { page: 'refer' }, label: 'refer', roles: ['coordinator'] },
  { route: { page: 'inbox' }, label: 'inbox' },
  { route: { page: 'stuck' }, label: 'stuck', roles: ['manager'] },
  { route: { page: 'statistics' }, label: 'statistics', roles: ['manager', 'auditor'] },
  { route: { page: 'addresses' }, label: 'addresses', roles: ['manager', 'administrator'] },
];

export function App() {
  const [lang, setLang] = useState<Lang>('ja');
  const text = useMemo(() => i18n(lang), [lang]);
  const [config, setConfig] = useState<ConsoleConfig>();
  const [session, setSession] = useState<Session | null>(currentSession());
  const [checked, setChecked] = useState(false);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = text.t('app');
  }, [lang, text]);
  useEffect(() => {
    void loadConfig().then(async (c) => {
      setConfig(c);
      if (await completeSignIn(c)) setSession(currentSession());
      setChecked(true);
    });
  }, []);
  // A new page: focus its main region so keyboard and screen reader users start there.
  useEffect(() => main.current?.focus(), [route]);

  const toggle = (
    <button
      type="button"
      className={secondaryButtonClass}
      onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
      lang={lang === 'ja' ? 'en' : 'ja'}
    >
      {text.t('language')}
    </button>
  );

  return (
    <I18nContext.Provider value={text}>
      <a
        href="#main"
        onClick={(e) => (e.preventDefault(), main.current?.focus())}
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {text.t('skip')}
      </a>
      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <p className="text-std-20B-150 text-solid-gray-900">{text.t('app')}</p>
          <div className="flex items-center gap-3">
            {session && (
              <span className="text-std-16N-170">
                {session.user}（{session.roles.map((r) => r).join(', ')}
                {session.agency ? ` / ${session.agency}` : ''}）
              </span>
            )}
            {toggle}
            {session && (
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() => (signOut(), setSession(null))}
              >
                {text.t('signOut')}
              </button>
            )}
          </div>
        </div>
        {session && (
          <nav aria-label={text.t('nav')} className="mx-auto max-w-6xl px-4 pb-2">
            <ul className="flex flex-wrap gap-4">
              {NAV.filter((n) => !n.roles || n.roles.some((r) => session.roles.includes(r))).map(
                (n) => {
                  const current =
                    n.route.page === route.page ||
                    (n.route.page === 'cases' &&
                      (route.page === 'case' || route.page === 'diagram'));
                  return (
                    <li key={n.label}>
                      <a
                        href={hrefOf(n.route)}
                        aria-current={current ? 'page' : undefined}
                        className={`inline-block px-2 py-1 text-std-16B-170 ${current ? 'border-b-4 border-blue-900 text-blue-1000' : 'text-solid-gray-800 underline'}`}
                      >
                        {text.t(n.label)}
                      </a>
                    </li>
                  );
                },
              )}
            </ul>
          </nav>
        )}
      </header>
      <main
        id="main"
        ref={main}
        tabIndex={-1}
        className="mx-auto max-w-6xl px-4 py-8 text-std-16N-170 outline-none"
      >
        {!checked ? (
          <Loading />
        ) : !session ? (
          <SignIn config={config} />
        ) : (
          <Page route={route} session={session} config={config!} />
        )}
      </main>
    </I18nContext.Provider>
  );
}

function SignIn({ config }: { config?: ConsoleConfig }) {
  const text = useI18n();
  const configured = Boolean(config?.authorizeUrl && config.tokenUrl);
  return (
    <div>
      <h1 className="mb-6 text-std-32B-150 text-solid-gray-900">{text.t('signIn')}</h1>
      <p className="mb-4">{configured ? text.t('signInLead') : text.t('signInUnconfigured')}</p>
      {configured && (
        <button type="button" className={buttonClass} onClick={() => void beginSignIn(config!)}>
          {text.t('signIn')}
        </button>
      )}
    </div>
  );
}

function Page({
  route,
  session,
  config,
}: {
  route: Route;
  session: Session;
  config: ConsoleConfig;
}) {
  switch (route.page) {
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CasePage key={route.id} id={route.id} session={session} />;
    case 'diagram':
      return <DiagramPage key={route.id} id={route.id} />;
    case 'refer':
      return <ReferPage session={session} />;
    case 'inbox':
      return <InboxPage />;
    case 'stuck':
      return <StuckPage config={config} />;
    case 'statistics':
      return <StatisticsPage />;
    case 'addresses':
      return <NoticeAddressesPage />;
    default:
      return <MyWorkPage session={session} />;
  }
}
