// Per-module string tables with type-checked keys. A module writes its zh-CN table as a plain object,
// types its en table as `Record<keyof typeof zhCN, string>` (so a missing or extra key fails to compile),
// and joins them with defineMessages. Components get a `t` whose key argument is checked.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

export type MessageTable<K extends string> = { readonly [P in K]: string };
export interface MessageBundle<K extends string> {
  readonly 'zh-CN': MessageTable<K>;
  readonly en: MessageTable<K>;
}

export function defineMessages<K extends string>(zhCN: MessageTable<K>, en: MessageTable<K>): MessageBundle<K> {
  return { 'zh-CN': zhCN, en };
}

export type Vars = Record<string, string | number>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate<K extends string>(bundle: MessageBundle<K>, locale: Locale, key: K, vars?: Vars): string {
  return interpolate(bundle[locale][key] ?? bundle['zh-CN'][key] ?? key, vars);
}

/** a string resolved later, when the locale is known (menu labels, page titles) */
export type LocalizedText = (locale: Locale) => string;
export function msg<K extends string>(bundle: MessageBundle<K>, key: K): LocalizedText {
  return (locale) => translate(bundle, locale, key);
}

const STORAGE_KEY = 'bihuan.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be disabled; Chinese is the default either way
  }
  return 'zh-CN';
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue>({ locale: 'zh-CN', setLocale: () => {} });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not remembered; still switched for this page
    }
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

export function useT<K extends string>(bundle: MessageBundle<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback((key: K, vars?: Vars) => translate(bundle, locale, key, vars), [bundle, locale]);
}
