import { useEffect, useRef } from 'react';

/**
 * Calls `reload` whenever one of `deps` (a filter, a page number) changes after the first render;
 * `useApiData` loads on mount by itself, so the first render does not load twice.
 */
export function useReloadOnChange(reload: () => void, deps: readonly unknown[]): void {
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the point
  }, deps);
}
