import { useEffect, useState } from 'react';

/**
 * Hash routes (#/cases/<id>, #/cases/<id>/diagram): the server serves one page. Addresses carry page names and case
 * ids only, never what a person typed (searches and forms stay in memory).
 */
export type Route =
  | { page: 'work' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'diagram'; id: string }
  | { page: 'refer' }
  | { page: 'inbox' }
  | { page: 'stuck' }
  | { page: 'statistics' }
  | { page: 'addresses' };

const PAGES = ['refer', 'inbox', 'stuck', 'statistics', 'addresses'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const [, first, second, third] = hash.replace(/^#/, '').split('/');
  if (first === 'cases' && second && UUID.test(second)) {
    return third === 'diagram' ? { page: 'diagram', id: second } : { page: 'case', id: second };
  }
  if (first === 'cases') return { page: 'cases' };
  const page = PAGES.find((p) => p === first);
  if (page) return { page };
  return { page: 'work' };
}

export const hrefOf = (route: Route): string =>
  route.page === 'case'
    ? `#/cases/${route.id}`
    : route.page === 'diagram'
      ? `#/cases/${route.id}/diagram`
      : route.page === 'work'
        ? '#/'
        : `#/${route.page}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
