import { DEFAULT_LOCALE, isLocale, type TLocale } from "./locales";

/** The operators' zone is Dutch unless `?lang=en` asks for English. */
export function resolveOperatorLocale(searchParams: Record<string, string | string[] | undefined>): TLocale {
  const lang = searchParams.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}
