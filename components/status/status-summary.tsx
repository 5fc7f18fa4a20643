import type { TTranslate } from "@/lib/i18n/translate";
import type { TTipStatus } from "@/lib/follow-up/types";

/** The tip's status in plain words and the day it last changed. */
export function StatusSummary({ status, changedOn, t }: { status: TTipStatus; changedOn: string; t: TTranslate }) {
  return (
    <section className="callout" aria-labelledby="status-heading" data-testid="status-summary">
      <h2 id="status-heading">
        {t("status.statusLabel")}: <span data-testid="status-value">{t(`status.statuses.${status}`)}</span>
      </h2>
      <p>{t(`status.statusExplain.${status}`)}</p>
      <p className="hint">{t("status.changedOn", { day: changedOn })}</p>
    </section>
  );
}
