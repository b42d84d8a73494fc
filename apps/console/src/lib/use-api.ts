import { useCallback, useEffect, useState } from 'react';

/**
 * An API read for a page: its data, its refusal's status, and a way to read it again. It reads
 * again when one of `deps` changes (the caller names what the read depends on).
 */
export function useLoad<T>(
  load: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  deps: unknown[],
): { data?: T; status?: number; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; status?: number; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then(({ data, response }) => {
        if (live) setState({ data, status: response.status, loading: false });
      })
      .catch(() => live && setState({ status: 0, loading: false }));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload };
}
