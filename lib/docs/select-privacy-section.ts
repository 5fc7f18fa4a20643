import type { TLocale } from "@/lib/i18n/locales";

const MARKER = /^<!-- lang:([a-z]{2}) -->$/;

/**
 * The part of a bilingual document that belongs to `locale`: the lines after the line
 * `<!-- lang:xx -->` up to the next such line or the end, trimmed. A marker counts only
 * as a line of its own. Null when the document has no section for `locale` or it is empty.
 */
export function selectPrivacySection(document: string, locale: TLocale): string | null {
  let current: string | null = null;
  const lines: string[] = [];
  for (const line of document.split(/\r?\n/)) {
    const marker = MARKER.exec(line.trim());
    if (marker) current = marker[1] ?? null;
    else if (current === locale) lines.push(line);
  }
  const section = lines.join("\n").trim();
  return section === "" ? null : section;
}
