import type { TTranslate } from "@/lib/i18n/translate";
import type { THint } from "@/lib/tips/find-self-identification-hints";
import { labelKey } from "./tip-layout";

/** The anonymity check's hints: text that may point back to the reporter. Advice, not errors. */
export function HintList({ hints, t }: { hints: readonly THint[]; t: TTranslate }) {
  if (hints.length === 0) {
    return <p className="callout callout--ok">{t("check.noHints")}</p>;
  }
  return (
    <div className="callout callout--warn" data-testid="hints">
      <h2>{t("hints.title")}</h2>
      <p>{t("check.hintsFound")}</p>
      <p>{t("hints.advice")}</p>
      <ul className="hint-list">
        {hints.map((hint, index) => (
          <li key={`${hint.field}-${hint.start}-${index}`}>
            <strong>{t(labelKey(hint.field))}</strong>: <mark>{hint.match}</mark> — {t(`hints.kinds.${hint.kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
