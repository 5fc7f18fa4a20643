import type { TTranslate } from "@/lib/i18n/translate";
import { MAX_MESSAGE_CHARS } from "@/lib/follow-up/types";

/** The reporter's answer or addition. */
export function AnswerField({ t, value, onChange }: { t: TTranslate; value?: string; onChange?: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="reporter-message">{t("status.answerLabel")}</label>
      <span className="help" id="reporter-message-help">
        {t("status.answerHelp")}
      </span>
      <textarea
        id="reporter-message"
        name="message"
        rows={5}
        maxLength={MAX_MESSAGE_CHARS}
        autoComplete="off"
        aria-describedby="reporter-message-help"
        value={value}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      />
    </div>
  );
}
