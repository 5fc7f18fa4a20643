export const LOCALES = ["nl", "en"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "nl";

/** True when `value` is a supported locale. */
export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The public URL of `path` in `locale`: Dutch lives at the root, English under /en.
 * The language is chosen by the path, never by a cookie: the reporter's zone sets none.
 */
export function localePath(locale: TLocale, path: string): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  if (locale === DEFAULT_LOCALE) return clean;
  return clean === "/" ? `/${locale}` : `/${locale}${clean}`;
}

/**
 * The inverse of `localePath`: the locale a public path is in, and the path without its
 * language prefix ("/en/status" → en and "/status"; "/status" → nl and "/status").
 */
export function splitLocalePath(pathname: string): { locale: TLocale; path: string } {
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    const prefix = `/${locale}`;
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return { locale, path: pathname.slice(prefix.length) || "/" };
  }
  return { locale: DEFAULT_LOCALE, path: pathname };
}
