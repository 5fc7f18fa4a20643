import type { TTranslate } from "@/lib/i18n/translate";
import type { TFieldBinder } from "./field-binder";
import { joinPath, labelKey, type TField, type TSection } from "./tip-layout";

function idFor(path: string) {
  return `f-${path.replace(/\./g, "-")}`;
}

function ErrorText({ path, binder, t }: { path: string; binder: TFieldBinder; t: TTranslate }) {
  const error = binder.error(path);
  return error ? (
    <p className="error" id={`${idFor(path)}-error`}>
      {t(error)}
    </p>
  ) : null;
}

function describedBy(path: string, binder: TFieldBinder, hasHelp: boolean) {
  const ids = [hasHelp ? `${idFor(path)}-help` : "", binder.error(path) ? `${idFor(path)}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function TextInput({ field, path, binder, t, label }: { field: TField & { kind: "text" | "textarea" | "url" }; path: string; binder: TFieldBinder; t: TTranslate; label?: string }) {
  const id = idFor(path);
  const helpKey = labelKey(path, "help");
  const help = t(helpKey);
  const hasHelp = help !== helpKey;
  const common = { id, "aria-invalid": binder.error(path) ? true : undefined, "aria-describedby": describedBy(path, binder, hasHelp) };
  return (
    <div className={binder.error(path) ? "field field--error" : "field"}>
      <label htmlFor={id}>{label ?? t(labelKey(path))}</label>
      {hasHelp ? (
        <span className="help" id={`${id}-help`}>
          {help}
        </span>
      ) : null}
      {field.kind === "textarea" ? (
        <textarea {...binder.textarea(path)} {...common} rows={4} autoComplete="off" />
      ) : (
        <input
          {...binder.input(path)}
          {...common}
          type={field.kind === "url" ? "url" : "text"}
          inputMode={field.kind === "url" ? "url" : undefined}
          autoComplete="off"
          spellCheck={field.kind === "url" ? false : undefined}
        />
      )}
      <ErrorText path={path} binder={binder} t={t} />
    </div>
  );
}

function ListInput({ field, path, binder, t }: { field: TField & { kind: "list" }; path: string; binder: TFieldBinder; t: TTranslate }) {
  const count = binder.count(path, field.max);
  const label = t(labelKey(path));
  return (
    <fieldset>
      <legend>{label}</legend>
      {Array.from({ length: count }, (_, index) => (
        <TextInput
          key={index}
          field={{ kind: "text", name: String(index) }}
          path={joinPath(path, index)}
          binder={binder}
          t={t}
          label={`${t(labelKey(path, "label"))} ${index + 1}`}
        />
      ))}
      <ErrorText path={path} binder={binder} t={t} />
      {binder.add && count < field.max ? (
        <button type="button" className="button" onClick={() => binder.add?.(path, field.max)}>
          {t("form.addAnother", { what: label.toLowerCase() })}
        </button>
      ) : null}
    </fieldset>
  );
}

function FieldInput({ field, path, binder, t }: { field: TField; path: string; binder: TFieldBinder; t: TTranslate }) {
  switch (field.kind) {
    case "text":
    case "textarea":
    case "url":
      return <TextInput field={field} path={path} binder={binder} t={t} />;
    case "list":
      return <ListInput field={field} path={path} binder={binder} t={t} />;
    case "choice":
      return (
        <fieldset>
          <legend>{t(labelKey(path))}</legend>
          {field.options.map((option) => {
            const id = `${idFor(path)}-${option}`;
            return (
              <div className="choice" key={option}>
                <input {...binder.choice(path, option)} id={id} type="radio" value={option} />
                <label htmlFor={id}>{t(`${labelKey(path).replace(/\.label$/, "")}.options.${option}`)}</label>
              </div>
            );
          })}
          {/* Without JavaScript a radio group cannot be cleared: "no answer" undoes a stray click. */}
          <div className="choice">
            <input {...binder.choice(path, "")} id={`${idFor(path)}-none`} type="radio" value="" />
            <label htmlFor={`${idFor(path)}-none`}>{t("form.noAnswer")}</label>
          </div>
          <ErrorText path={path} binder={binder} t={t} />
        </fieldset>
      );
    case "group-list": {
      const count = binder.count(path, field.max);
      const label = t(labelKey(path));
      return (
        <>
          {Array.from({ length: count }, (_, index) => (
            <fieldset key={index} className="repeat">
              <legend>{`${label} ${index + 1}`}</legend>
              {field.fields.map((child) => (
                <FieldInput key={child.name} field={child} path={joinPath(path, index, child.name)} binder={binder} t={t} />
              ))}
            </fieldset>
          ))}
          {binder.add && count < field.max ? (
            <button type="button" className="button" onClick={() => binder.add?.(path, field.max)}>
              {t("form.addAnother", { what: label.toLowerCase() })}
            </button>
          ) : null}
        </>
      );
    }
  }
}

/** Renders every field of one section of the guided form. */
export function TipSectionFields({ section, binder, t }: { section: TSection; binder: TFieldBinder; t: TTranslate }) {
  return (
    <>
      {section.fields.map((field) => (
        <FieldInput key={field.name} field={field} path={joinPath(section.prefix, field.name)} binder={binder} t={t} />
      ))}
    </>
  );
}
