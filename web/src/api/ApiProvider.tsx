import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n, type Translate } from '../i18n/index.tsx';
import { ApiError, createApiClient, type ApiClient } from './client.ts';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ children }: { children: ReactNode }) {
  const { apiLanguage } = useI18n();
  // The client lives as long as the app; it reads the current language on every request.
  const language = useRef(apiLanguage);
  useLayoutEffect(() => {
    language.current = apiLanguage;
  }, [apiLanguage]);
  const [client] = useState(() => createApiClient({ language: () => language.current }));
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

/** What to tell the user about a failed call: the server's localised detail when there is one. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.networkError');
    if (error.problem?.detail) return error.problem.detail;
    if (error.problem?.title) return error.problem.title;
  }
  return t('common.requestFailed');
}
