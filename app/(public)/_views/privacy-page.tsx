import fs from "node:fs";
import path from "node:path";
import { parseSimpleMarkdown } from "@/lib/docs/parse-simple-markdown";
import { renderSimpleMarkdown } from "@/lib/docs/render-simple-markdown";
import { selectPrivacySection } from "@/lib/docs/select-privacy-section";
import type { TLocale } from "@/lib/i18n/locales";

/**
 * The privacy promises, rendered from docs/PRIVACY.md at request time, so that the page
 * and the document a reviewer reads can never drift apart.
 */
export function PrivacyPage({ lang }: { lang: TLocale }) {
  const document = fs.readFileSync(path.join(process.cwd(), "docs", "PRIVACY.md"), "utf8");
  const section = selectPrivacySection(document, lang);
  // A missing section is a broken installation, not a missing page: fail loudly.
  if (section === null) throw new Error(`docs/PRIVACY.md has no section for "${lang}"`);
  return <article className="prose">{renderSimpleMarkdown(parseSimpleMarkdown(section).blocks)}</article>;
}
