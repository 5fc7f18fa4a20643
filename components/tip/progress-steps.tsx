import type { TTranslate } from "@/lib/i18n/translate";

export const STEPS = ["subject", "signals", "details", "more", "check"] as const;
export type TStep = (typeof STEPS)[number];

/** "Stap 2 van 5", with every step named; the current one marked for screen readers. */
export function ProgressSteps({ current, t }: { current: TStep; t: TTranslate }) {
  const index = STEPS.indexOf(current);
  return (
    <div role="group" aria-label={t("steps.progressLabel")}>
      <p className="hint">{t("steps.progress", { step: index + 1, total: STEPS.length })}</p>
      <ol className="progress">
        {STEPS.map((step, position) => (
          <li key={step} aria-current={position === index ? "step" : undefined} className={position < index ? "done" : undefined}>
            {t(`steps.${step}.title`)}
          </li>
        ))}
      </ol>
    </div>
  );
}
