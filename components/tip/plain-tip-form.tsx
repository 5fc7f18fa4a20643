import type { TTranslate } from "@/lib/i18n/translate";
import type { TLocale } from "@/lib/i18n/locales";
import { localePath } from "@/lib/i18n/locales";
import { getPath } from "./field-binder";
import { createPlainBinder } from "./plain-binder";
import { ProgressSteps } from "./progress-steps";
import { SignalsFields } from "./signals-fields";
import { ADULT_DETAILS, ADULT_MORE, FREE_TEXT, MINOR_DETAILS, SUSPECTS } from "./tip-layout";
import { TipSectionFields } from "./tip-section-fields";

type TProps = {
  lang: TLocale;
  subject: "adult" | "minor" | null;
  values: unknown;
  errors: Record<string, string>;
  formError?: string;
  formAction: (formData: FormData) => void;
  pending: boolean;
  t: TTranslate;
};

/**
 * The whole journey without JavaScript: step 1 is a plain GET form choosing the path;
 * then one page holds the signals and every "what to report" field of that path, posted
 * to the same server action the JavaScript form falls back on.
 */
export function PlainTipForm({ lang, subject, values, errors, formError, formAction, pending, t }: TProps) {
  if (!subject) {
    return (
      <form method="get" action={localePath(lang, "/melden")}>
        <ProgressSteps current="subject" t={t} />
        <h1>{t("steps.subject.title")}</h1>
        <p>{t("steps.subject.intro")}</p>
        <fieldset>
          <legend>{t("subject.legend")}</legend>
          {(["adult", "minor"] as const).map((option) => (
            <div className="choice choice--big" key={option}>
              <input id={`subject-${option}`} type="radio" name="over" value={option} required />
              <label htmlFor={`subject-${option}`}>
                <strong>{t(`subject.options.${option}`)}</strong>
                <span className="help">{t(`subject.help.${option}`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <p className="hint">{t("subject.possiblyMinorNote")}</p>
        <div className="button-row">
          <button className="button button--primary" type="submit">
            {t("form.next")}
          </button>
        </div>
      </form>
    );
  }

  const binder = createPlainBinder(values, errors);
  const rootError = errors.root ?? errors._form;
  return (
    <form action={formAction} noValidate>
      <ProgressSteps current="details" t={t} />
      <input type="hidden" name="subject" value={subject} />
      <h1>{t(`subject.options.${subject}`)}</h1>
      <p>
        <a href={localePath(lang, "/melden")}>{t("form.changeSubject")}</a>
      </p>
      {formError ? (
        <p className="error" role="alert">
          {t(formError)}
        </p>
      ) : null}
      {rootError ? (
        <p className="error" role="alert">
          {t(rootError)}
        </p>
      ) : null}

      <h2>{t("steps.signals.title")}</h2>
      <p>{t("steps.signals.intro")}</p>
      <SignalsFields subject={subject} binder={binder} t={t} />

      <h2>{t("steps.details.title")}</h2>
      <p>{t("steps.details.intro")}</p>
      <h3>{t(`sections.${subject === "adult" ? "adultDetails" : "minorDetails"}.title`)}</h3>
      <TipSectionFields section={subject === "adult" ? ADULT_DETAILS : MINOR_DETAILS} binder={binder} t={t} />

      {subject === "adult" ? (
        <details open={getPath(values, "minor") !== undefined || errors.minor !== undefined}>
          <summary>{t("sections.minorDetails.whenPossiblyMinor")}</summary>
          {errors.minor ? <p className="error">{t(errors.minor)}</p> : null}
          <TipSectionFields section={MINOR_DETAILS} binder={binder} t={t} />
        </details>
      ) : null}

      <h2>{t("steps.more.title")}</h2>
      {subject === "adult" ? (
        <>
          <h3>{t("sections.adultMore.title")}</h3>
          <p>{t("sections.adultMore.intro")}</p>
          <TipSectionFields section={ADULT_MORE} binder={binder} t={t} />
        </>
      ) : null}
      <h3>{t("sections.suspects.title")}</h3>
      <p>{t("sections.suspects.intro")}</p>
      <TipSectionFields section={SUSPECTS} binder={binder} t={t} />
      <h3>{t("sections.free.title")}</h3>
      <p>{t("sections.free.intro")}</p>
      <TipSectionFields section={FREE_TEXT} binder={binder} t={t} />

      <div className="button-row">
        <button className="button button--primary" type="submit" name="intent" value="review" disabled={pending}>
          {t("form.review")}
        </button>
      </div>
    </form>
  );
}
