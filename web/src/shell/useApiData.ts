import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * Auto-refresh stops after this long without a click, key press or scroll. Every API call
 * counts as session activity on the server, so refreshing forever would keep an unattended
 * session alive past its idle timeout (GB/T 22239-2019 8.1.4.1 b)).
 */
export const AUTO_REFRESH_IDLE_LIMIT_MS = 5 * 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

interface ApiData<T> {
  data: T | undefined;
  /** The last failure; earlier data stays visible while it is shown. */
  error: unknown;
  loading: boolean;
  /** Auto-refresh is paused because nobody has used the page for a while; any input resumes it. */
  refreshPaused: boolean;
  reload(): void;
}

/**
 * Loads data once on mount and on `reload()`, and every `refreshMs` while the tab is visible and
 * someone is using it. Only the newest request's answer is kept, so a slow earlier reply never
 * overwrites a newer one.
 */
export function useApiData<T>(fetcher: () => Promise<T>, options: { refreshMs?: number } = {}): ApiData<T> {
  const { refreshMs } = options;
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [refreshPaused, setRefreshPaused] = useState(false);
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
    let lastActivity = Date.now();
    let paused = false;
    const onActivity = () => {
      lastActivity = Date.now();
      if (paused) {
        paused = false;
        setRefreshPaused(false);
        reload();
      }
    };
    const timer = window.setInterval(() => {
      if (document.hidden || paused) return;
      if (Date.now() - lastActivity > AUTO_REFRESH_IDLE_LIMIT_MS) {
        paused = true;
        setRefreshPaused(true);
        return;
      }
      reload();
    }, refreshMs);
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { passive: true });
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
    };
  }, [refreshMs, reload]);

  return { ...state, refreshPaused, reload };
}
