import { TipForm } from "@/components/tip/tip-form";
import { toBase64Url } from "@/lib/crypto";
import { findActiveDeskKey } from "@/lib/db/desk-keys";
import type { TLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

/** The guided form; `over` (adult or minor) is the home page's shortcut into the first step. */
export async function ReportPage({ lang, over }: { lang: TLocale; over: string | string[] | undefined }) {
  const messages = getMessages(lang);
  let desk: Awaited<ReturnType<typeof findActiveDeskKey>>;
  try {
    desk = await findActiveDeskKey();
  } catch (error) {
    // The database is unreachable (a restart, an outage): say so plainly, instead of an
    // error page, and keep no trace of the visit. The error's class only, never its text.
    console.error(`[tip] form unavailable: ${error instanceof Error ? error.name : "unknown error"}`);
    return (
      <p className="callout callout--warn" role="alert" data-testid="unavailable">
        {createTranslator(messages.site)("unavailable")}
      </p>
    );
  }
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
