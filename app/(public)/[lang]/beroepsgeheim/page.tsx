import Link from "next/link";
import { notFound } from "next/navigation";
import { isLocale, localePath } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

export default async function SecrecyPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLocale(lang)) notFound();
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
