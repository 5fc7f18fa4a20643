import type { TTranslate } from "@/lib/i18n/translate";

/** An operator form's error, read out at once (role alert); nothing when there is none. */
export function ErrorAlert({ error, t }: { error: string | null; t: TTranslate }) {
  return error ? (
    <p className="error" role="alert">
      {t(error)}
    </p>
  ) : null;
}

/** A form's primary submit button and a cancel button beside it. */
export function SubmitAndCancel({ submit, cancel, working, onCancel }: { submit: string; cancel: string; working: boolean; onCancel: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className="button button--primary" disabled={working}>
        {submit}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
