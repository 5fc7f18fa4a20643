import Link from "next/link";
import { CryptoPageLink } from "@/components/public/crypto-page-link";
import { localePath, type TLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";
import { getOrganisation } from "@/lib/organisation";

const PROMISES = ["noIp", "sealed", "noTraceToYou", "dayOnly", "code"] as const;

/** The reporter's first page: what this is, the promises, calling first, professional secrecy. */
export function HomePage({ lang }: { lang: TLocale }) {
  const t = createTranslator(getMessages(lang).site);
  const organisation = getOrganisation();

  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <p>
          <CryptoPageLink className="button button--primary" href={localePath(lang, "/melden")}>
            {t("home.start")}
          </CryptoPageLink>
        </p>
        <p className="hint">{t("home.startHint")}</p>
      </section>

      <section className="callout callout--danger" aria-labelledby="emergency">
        <h2 id="emergency">{t("home.emergencyTitle")}</h2>
        <p>{t("home.emergencyText")}</p>
      </section>

      <section aria-labelledby="promises">
        <h2 id="promises">{t("home.promisesTitle")}</h2>
        <ul className="promises">
          {PROMISES.map((key) => (
            <li key={key}>{t(`home.promises.${key}`)}</li>
          ))}
        </ul>
      </section>

      <div className="columns">
        <section className="card" aria-labelledby="call">
          <h2 id="call">{t("home.callTitle")}</h2>
          <p>{t("home.callText")}</p>
          <p>
            {organisation.phone ? (
              <strong>{t("home.callNumber", { phone: organisation.phone })}</strong>
            ) : (
              t("home.callNotConfigured")
            )}
          </p>
        </section>
        <section className="card" aria-labelledby="when">
          <h2 id="when">{t("home.whenTitle")}</h2>
          <p>{t("home.whenText")}</p>
        </section>
        <section className="card" aria-labelledby="secrecy">
          <h2 id="secrecy">{t("home.secrecyTitle")}</h2>
          <p>{t("home.secrecyText")}</p>
          <p>
            <Link href={localePath(lang, "/beroepsgeheim")}>{t("home.secrecyLink")}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="status">
          <h2 id="status">{t("home.statusTitle")}</h2>
          <p>{t("home.statusText")}</p>
          <p>
            <CryptoPageLink href={localePath(lang, "/status")}>{t("home.statusLink")}</CryptoPageLink>
          </p>
        </section>
      </div>
    </>
  );
}
