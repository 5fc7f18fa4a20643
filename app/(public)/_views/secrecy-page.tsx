import Link from "next/link";
import { localePath, type TLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

/** Professional secrecy and reporting, after the brochure. */
export function SecrecyPage({ lang }: { lang: TLocale }) {
  const t = createTranslator(getMessages(lang).site);
  return (
    <article className="prose">
      <h1>{t("secrecy.title")}</h1>
      <p>{t("secrecy.p1")}</p>
      <p>{t("secrecy.p2")}</p>
      <p>{t("secrecy.p3")}</p>
      <p>{t("secrecy.anonymous")}</p>
      <p>{t("secrecy.p4")}</p>
      <p className="hint">{t("secrecy.source")}</p>
      <p>
        <Link href={localePath(lang, "/")}>{t("secrecy.back")}</Link>
      </p>
    </article>
  );
}
