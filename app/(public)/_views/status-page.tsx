import { StatusPanel } from "@/components/status/status-panel";
import { toBase64Url } from "@/lib/crypto";
import { findActiveDeskKey } from "@/lib/db/desk-keys";
import type { TLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

const SAFETY = ["device", "typeCode", "close", "often"] as const;

/** Checking a tip with its receipt code, and the conversation with the operators. */
export async function StatusPage({ lang }: { lang: TLocale }) {
  const messages = getMessages(lang);
  const t = createTranslator(messages.site);
  const desk = await findActiveDeskKey();
  return (
    <article>
      <h1>{t("status.title")}</h1>
      <p>{t("status.intro")}</p>
      <StatusPanel messages={messages.site} deskPublicKey={desk ? toBase64Url(desk.publicKey) : null} />
      <section className="callout" aria-labelledby="safety">
        <h2 id="safety">{t("status.safetyTitle")}</h2>
        <ul>
          {SAFETY.map((key) => (
            <li key={key}>{t(`status.safety.${key}`)}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
