import type { ReactNode } from "react";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TTip } from "@/lib/tips/tip-schema";
import { getPath } from "./field-binder";
import { ADULT_DETAILS, ADULT_MORE, FREE_TEXT, MINOR_DETAILS, SUSPECTS, joinPath, labelKey, type TField, type TSection } from "./tip-layout";

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.every(isEmpty));
}

function renderField(field: TField, path: string, tip: TTip, t: TTranslate): ReactNode[] {
  const value = getPath(tip, path);
  if (isEmpty(value)) return [];
  switch (field.kind) {
    case "text":
    case "textarea":
    case "url":
      return [
        <dt key={`${path}-t`}>{t(labelKey(path))}</dt>,
        <dd key={`${path}-d`} data-field={path}>
          {String(value)}
        </dd>,
      ];
    case "choice":
      return [
        <dt key={`${path}-t`}>{t(labelKey(path))}</dt>,
        <dd key={`${path}-d`} data-field={path}>
          {t(`${labelKey(path).replace(/\.label$/, "")}.options.${String(value)}`)}
        </dd>,
      ];
    case "list":
      return [
        <dt key={`${path}-t`}>{t(labelKey(path))}</dt>,
        <dd key={`${path}-d`} data-field={path}>
          {(value as unknown[]).filter((item) => !isEmpty(item)).join(", ")}
        </dd>,
      ];
    case "group-list":
      return (value as unknown[]).flatMap((_, index) => {
        const children = field.fields.flatMap((child) => renderField(child, joinPath(path, index, child.name), tip, t));
        if (children.length === 0) return [];
        return [<dt key={`${path}-${index}-h`} className="review__group">{`${t(labelKey(path))} ${index + 1}`}</dt>, ...children];
      });
  }
}

function sectionNodes(section: TSection, tip: TTip, t: TTranslate): ReactNode[] {
  return section.fields.flatMap((field) => renderField(field, joinPath(section.prefix, field.name), tip, t));
}

/**
 * The whole tip, read back in the brochure's order: what the reporter checks before
 * sending and what an operator reads after decrypting. Empty fields are left out.
 */
export function TipSummary({ tip, t }: { tip: TTip; t: TTranslate }) {
  const sections: TSection[] = tip.subject === "adult" ? [ADULT_DETAILS, ...(tip.minor ? [MINOR_DETAILS] : []), ADULT_MORE] : [MINOR_DETAILS];
  sections.push(SUSPECTS, FREE_TEXT);
  return (
    <dl className="review" data-testid="tip-summary">
      <dt>{t("subject.legend")}</dt>
      <dd data-field="subject">
        {t(`subject.options.${tip.subject}`)}
        {tip.subject === "adult" && tip.possiblyMinor ? ` — ${t("signals.labels.possibly-minor")}` : ""}
      </dd>
      {tip.signals.length > 0 ? (
        <>
          <dt>{t(`signals.legend.${tip.subject}`)}</dt>
          <dd data-field="signals">
            <ul>
              {tip.signals.map((signal) => (
                <li key={signal}>{t(`signals.labels.${signal}`)}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {tip.signalsSince ? (
        <>
          <dt>{t("signalsSince.legend")}</dt>
          <dd data-field="signalsSince">{t(`signalsSince.options.${tip.signalsSince}`)}</dd>
        </>
      ) : null}
      {sections.flatMap((section) => sectionNodes(section, tip, t))}
    </dl>
  );
}
