import { notFound } from "next/navigation";
import { TipForm } from "@/components/tip/tip-form";
import { toBase64Url } from "@/lib/crypto";
import { findActiveDeskKey } from "@/lib/db/desk-keys";
import { isLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ lang: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { lang } = await params;
  if (!isLocale(lang)) notFound();
  const messages = getMessages(lang);
  const over = (await searchParams).over;
  const desk = await findActiveDeskKey();
  if (!desk) {
    return <p className="callout callout--warn">{createTranslator(messages.site)("setupNeeded")}</p>;
  }
  return (
    <TipForm
      lang={lang}
      messages={messages.tip}
      deskPublicKey={toBase64Url(desk.publicKey)}
      initialSubject={over === "adult" || over === "minor" ? over : null}
    />
  );
}
