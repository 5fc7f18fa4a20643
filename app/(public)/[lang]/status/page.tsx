import { notFound } from "next/navigation";
import { isLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

export default async function StatusPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLocale(lang)) notFound();
  const t = createTranslator(getMessages(lang).site);
  return (
    <article className="prose">
      <h1>{t("status.title")}</h1>
      <p>{t("status.placeholder")}</p>
    </article>
  );
}
