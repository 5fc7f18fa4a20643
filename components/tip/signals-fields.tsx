import type { TTranslate } from "@/lib/i18n/translate";
import { ADULT_SIGNALS, MINOR_SIGNALS, SIGNALS_SINCE } from "@/lib/tips/signals";
import type { TFieldBinder } from "./field-binder";

/** Step 2: the brochure's checklist for the chosen path, and how long the signals were seen. */
export function SignalsFields({ subject, binder, t }: { subject: "adult" | "minor"; binder: TFieldBinder; t: TTranslate }) {
  const signals = subject === "adult" ? ADULT_SIGNALS : MINOR_SIGNALS;
  return (
    <>
      <div className="callout callout--warn">
        <p>
          <strong>{t("signals.guidance.watchOut")}</strong>
        </p>
        <p>{t("signals.guidance.notEveryone")}</p>
      </div>
      <fieldset>
        <legend>{t(`signals.legend.${subject}`)}</legend>
        {signals.map((id) => (
          <div className="choice" key={id}>
            <input {...binder.choice("signals", id)} id={`signal-${id}`} type="checkbox" value={id} />
            <label htmlFor={`signal-${id}`}>{t(`signals.labels.${id}`)}</label>
          </div>
        ))}
        {binder.error("signals") ? <p className="error">{t(binder.error("signals") ?? "")}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t("signalsSince.legend")}</legend>
        {SIGNALS_SINCE.map((id) => (
          <div className="choice" key={id}>
            <input {...binder.choice("signalsSince", id)} id={`since-${id}`} type="radio" value={id} />
            <label htmlFor={`since-${id}`}>{t(`signalsSince.options.${id}`)}</label>
          </div>
        ))}
        <div className="choice">
          <input {...binder.choice("signalsSince", "")} id="since-none" type="radio" value="" />
          <label htmlFor="since-none">{t("form.noAnswer")}</label>
        </div>
      </fieldset>
    </>
  );
}
