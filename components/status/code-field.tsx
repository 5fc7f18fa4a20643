import type { TTranslate } from "@/lib/i18n/translate";

/** The receipt-code input: never autocompleted, never spell-checked, never saved by this page. */
export function CodeField({ t, defaultValue, value, onChange }: { t: TTranslate; defaultValue?: string; value?: string; onChange?: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="receipt-code">{t("status.codeLabel")}</label>
      <span className="help" id="receipt-code-help">
        {t("status.codeHelp")}
      </span>
      <input
        id="receipt-code"
        name="code"
        type="text"
        required
        maxLength={40}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby="receipt-code-help"
        className="code-input"
        defaultValue={defaultValue}
        value={value}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      />
    </div>
  );
}
