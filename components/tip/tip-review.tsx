import type { Ref } from "react";
import type { TTranslate } from "@/lib/i18n/translate";
import type { THint } from "@/lib/tips/find-self-identification-hints";
import type { TTip } from "@/lib/tips/tip-schema";
import { HintList } from "./hint-list";
import { TipSummary } from "./tip-summary";

/** Step 5's text: the whole tip shown back, the hints, and what not to include. */
export function TipReviewBody({ tip, hints, t, headingRef }: { tip: TTip; hints: readonly THint[]; t: TTranslate; headingRef?: Ref<HTMLHeadingElement> }) {
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t("steps.check.title")}
      </h1>
      <p>{t("steps.check.intro")}</p>
      <div className="callout">
        <p>{t("check.removeReminder")}</p>
        <p>
          <strong>{t("check.emergency")}</strong>
        </p>
      </div>
      <HintList hints={hints} t={t} />
      <h2>{t("check.yourTip")}</h2>
      <TipSummary tip={tip} t={t} />
    </>
  );
}
