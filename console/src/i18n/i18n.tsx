// The language switch: Dutch first (the users are Dutch), English on request. The choice is kept in
// localStorage (it is a preference, not personal data) and sets <html lang>, so screen readers read
// the page in the right language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
import { nl, type MessageKey, type Messages } from './nl.ts';
import { createFormatters, type Formatters } from './format.ts';

export type Language = 'nl' | 'en';
const catalogues: Record<Language, Messages> = { nl, en };
const storageKey = 'ketenpoort.language';

type Args<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : [];

export interface I18n extends Formatters {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: <K extends MessageKey>(key: K, ...args: Args<K>) => string;
  /** A text for a code from the API (reason, status…), or undefined when the catalogue has none. */
  readonly maybe: (key: string) => string | undefined;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // Storage can be disabled; Dutch it is.
  }
  return 'nl';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered; still switched for this visit.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = catalogues[language];
    const t = <K extends MessageKey>(key: K, ...args: Args<K>): string => {
      const entry = messages[key] as string | ((...a: Args<K>) => string);
      return typeof entry === 'function' ? entry(...args) : entry;
    };
    const maybe = (key: string): string | undefined => {
      const entry = (messages as Record<string, unknown>)[key];
      return typeof entry === 'string' ? entry : undefined;
    };
    return { language, setLanguage, t, maybe, ...createFormatters(language) };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new TypeError('useI18n outside I18nProvider');
  return value;
}
