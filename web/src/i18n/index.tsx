import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConfigProviderProps } from 'antd';
import antdEnUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import { enUS } from './en-US.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

export type Locale = 'zh-CN' | 'en-US';
/** What the API understands in Accept-Language. */
export type ApiLanguage = 'zh-CN' | 'en';

const STORAGE_KEY = 'chengxin.locale';

const LOCALES: Record<Locale, { messages: Messages; antd: AntdLocale; api: ApiLanguage; htmlLang: string }> = {
  'zh-CN': { messages: zhCN, antd: antdZhCN, api: 'zh-CN', htmlLang: 'zh-CN' },
  'en-US': { messages: enUS, antd: antdEnUS, api: 'en', htmlLang: 'en' },
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  antdLocale: AntdLocale;
  apiLanguage: ApiLanguage;
  /** Formats an ISO instant as a date and time in Asia/Shanghai (DESIGN.md: dates at the edges). */
  formatInstant(iso: string): string;
  formatNumber(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Chinese unless the user chose English before (remembered in localStorage). */
function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const { messages, antd, api } = LOCALES[locale];
    const t: Translate = (key, values) => {
      const text = messages[key];
      return values ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m)) : text;
    };
    const dateTime = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    const number = new Intl.NumberFormat(locale);
    return {
      locale,
      setLocale,
      t,
      antdLocale: antd,
      apiLanguage: api,
      formatInstant: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
      formatNumber: (n) => number.format(n),
    };
  }, [locale, setLocale]);

  useEffect(() => {
    document.documentElement.lang = LOCALES[locale].htmlLang;
    document.title = value.t('app.title');
  }, [locale, value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
