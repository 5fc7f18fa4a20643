import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { CryptoPageLink } from "@/components/public/crypto-page-link";
import type { ReactNode } from "react";
import { QuickExit } from "@/components/public/quick-exit";
import { DEFAULT_LOCALE, localePath, LOCALES, type TLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";
import { getOrganisation } from "@/lib/organisation";
import "../../globals.css";

export function publicMetadata(lang: TLocale): Metadata {
  const t = createTranslator(getMessages(lang).site);
  return {
    title: t("meta.title"),
    description: t("meta.description"),
    referrer: "no-referrer",
    robots: { index: false, follow: false },
    formatDetection: { telephone: false, email: false, address: false },
  };
}

export const publicViewport: Viewport = { width: "device-width", initialScale: 1 };

/** The reporter's zone: no cookies, no third-party requests, nothing that identifies. */
export async function PublicLayout({ children, lang }: { children: ReactNode; lang: TLocale }) {
  const t = createTranslator(getMessages(lang).site);
  const organisation = getOrganisation();
  const other = LOCALES.find((locale) => locale !== lang) ?? DEFAULT_LOCALE;
  const currentPath = (await headers()).get("x-tipline-path") ?? "/";

  return (
    <html lang={lang}>
      <body>
        <a className="skip-link" href="#content">
          {t("skipToContent")}
        </a>
        {organisation.isDemo ? (
          <p className="demo-banner" role="note">
            {t("demoBanner")}
          </p>
        ) : null}
        <header className="site-header">
          <div className="site-header__inner">
            <Link className="site-name" href={localePath(lang, "/")}>
              {organisation.name ?? t("demoName")}
            </Link>
            <nav aria-label={t("nav.label")} className="site-nav">
              <CryptoPageLink href={localePath(lang, "/melden")}>{t("nav.report")}</CryptoPageLink>
              <CryptoPageLink href={localePath(lang, "/status")}>{t("nav.status")}</CryptoPageLink>
              <Link href={localePath(other, currentPath)} hrefLang={other} lang={other} aria-label={t("languageSwitchLabel")}>
                {t("languageSwitch")}
              </Link>
            </nav>
            <QuickExit href={organisation.quickExitUrl} label={t("quickExit.label")} description={t("quickExit.description")} />
          </div>
        </header>
        <main id="content" className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("footer.noCookies")}</p>
          <p>
            <Link href={localePath(lang, "/privacy")}>{t("footer.privacy")}</Link>
            {" · "}
            <Link href={localePath(lang, "/beroepsgeheim")}>{t("footer.secrecy")}</Link>
            {" · "}
            <a href={localePath(lang, "/threat-model")} hrefLang="en">
              {t("footer.threatModel")}
            </a>
            {organisation.isDemo ? ` · ${t("footer.demo")}` : null}
          </p>
        </footer>
      </body>
    </html>
  );
}
