"use client";

import { useEffect, useRef } from "react";
import type { TTranslate } from "@/lib/i18n/translate";

/** The receipt code, shown once and only after the tip is stored, with how to keep it. */
export function Receipt({ code, t }: { code: string; t: TTranslate }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The page changed under the reporter's feet: announce the receipt.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="callout callout--ok" aria-labelledby="receipt-title" data-testid="receipt">
      <h1 id="receipt-title" tabIndex={-1} ref={headingRef}>
        {t("receipt.title")}
      </h1>
      <p>{t("receipt.thanks")}</p>
      <p>
        <output className="receipt-code" data-testid="receipt-code" aria-label={t("receipt.codeLabel")}>
          {code}
        </output>
      </p>
      <ul>
        <li>{t("receipt.shownOnce")}</li>
        <li>{t("receipt.keep")}</li>
        <li>{t("receipt.purpose")}</li>
      </ul>
    </section>
  );
}
