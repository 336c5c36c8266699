import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

interface ApiData<T> {
  data: T | undefined;
  /** The last failure; earlier data stays visible while it is shown. */
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data once on mount and on `reload()`, and every `refreshMs` while the tab is visible.
 * Only the newest request's answer is kept, so a slow earlier reply never overwrites a newer one.
 */
export function useApiData<T>(fetcher: () => Promise<T>, options: { refreshMs?: number } = {}): ApiData<T> {
  const { refreshMs } = options;
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const fetcherRef = useRef(fetcher);
  useLayoutEffect(() => {
    fetcherRef.current = fetcher;
  });
  const latest = useRef(0);

  const reload = useCallback(() => {
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    fetcherRef.current().then(
      (data) => request === latest.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => request === latest.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      latest.current++; // unmounted: ignore whatever is still in flight
    };
  }, [reload]);

  useEffect(() => {
    if (!refreshMs) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) reload();
    }, refreshMs);
    return () => window.clearInterval(timer);
  }, [refreshMs, reload]);

  return { ...state, reload };
}
