// The police report built from a tip in the forwarding operator's browser: the tip's free
// text, each field as the operator left it after the redaction step, plus a readable
// document of the same content. Built from the tip only, never from its envelope: the
// reporter's public key, the channel and the receipt stay at the desk.
import { getPath } from "@/components/tip/field-binder";
import { ADULT_DETAILS, ADULT_MORE, FREE_TEXT, MINOR_DETAILS, SUSPECTS, joinPath, labelKey, type TField, type TSection } from "@/components/tip/tip-layout";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TTip } from "@/lib/tips/tip-schema";

export const POLICE_REPORT_FORMAT = "tipline-police-report";

/** One piece of free text the operator may cut or rewrite before forwarding. */
export type TRedactableField = { path: string; value: string };

export type TPoliceReport = {
  format: typeof POLICE_REPORT_FORMAT;
  version: 1;
  /** Days only (YYYY-MM-DD), like everything the line keeps. */
  receivedOn: string;
  forwardedOn: string;
  /** The tip's structured fields after redaction; emptied fields are left out. */
  fields: TTip;
  /** The same content as readable text (Dutch labels), for a case file. */
  document: string;
};

function sectionsOf(tip: TTip): TSection[] {
  const sections: TSection[] = tip.subject === "adult" ? [ADULT_DETAILS, ...(tip.minor ? [MINOR_DETAILS] : []), ADULT_MORE] : [MINOR_DETAILS];
  return [...sections, SUSPECTS, FREE_TEXT];
}

function collect(field: TField, path: string, tip: TTip, out: TRedactableField[]) {
  const value = getPath(tip, path);
  switch (field.kind) {
    case "text":
    case "textarea":
    case "url":
      if (typeof value === "string" && value !== "") out.push({ path, value });
      return;
    case "list":
      if (Array.isArray(value)) value.forEach((item, index) => typeof item === "string" && item !== "" && out.push({ path: joinPath(path, index), value: item }));
      return;
    case "group-list":
      if (Array.isArray(value)) value.forEach((_, index) => field.fields.forEach((child) => collect(child, joinPath(path, index, child.name), tip, out)));
      return;
    case "choice":
      // Fixed options ("moves often"): nothing a reporter typed, nothing to redact.
      return;
  }
}

/** Every non-empty piece of free text in the tip, in the brochure's order, with its path. */
export function redactableFields(tip: TTip): TRedactableField[] {
  const out: TRedactableField[] = [];
  for (const section of sectionsOf(tip)) for (const field of section.fields) collect(field, joinPath(section.prefix, field.name), tip, out);
  return out;
}

/** Sets `a.b.0.c` in a plain JSON tree (the path exists: it came from `redactableFields`). */
function setPath(target: unknown, path: string, value: string) {
  const parts = path.split(".");
  let node = target as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

/** Removes emptied strings: from lists (and list entries left with nothing), and as object keys. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(prune).filter((item) => item !== undefined && item !== "" && !(typeof item === "object" && item !== null && !Array.isArray(item) && Object.keys(item).length === 0));
  }
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const pruned = prune(inner);
      if (pruned !== undefined && pruned !== "") result[key] = pruned;
    }
    return result;
  }
  return value;
}

/**
 * The report for the police: `edits` maps a field's path (from `redactableFields`) to the
 * text the operator left; a field not in `edits` is forwarded as the reporter wrote it, an
 * empty edit removes the field. `t` is the tip form's translator (field labels, options).
 */
export function buildPoliceReport(input: { tip: TTip; edits: Readonly<Record<string, string>>; receivedOn: string; forwardedOn: string; t: TTranslate }): TPoliceReport {
  const { tip, edits, t } = input;
  const copy = JSON.parse(JSON.stringify(tip)) as TTip;
  for (const field of redactableFields(tip)) {
    const edited = edits[field.path];
    if (edited !== undefined) setPath(copy, field.path, edited.trim());
  }
  const fields = prune(copy) as TTip;

  const lines: string[] = [
    t("report.title"),
    `${t("report.receivedOn")}: ${input.receivedOn}`,
    `${t("report.forwardedOn")}: ${input.forwardedOn}`,
    "",
    `${t("subject.legend")}: ${t(`subject.options.${tip.subject}`)}${tip.subject === "adult" && tip.possiblyMinor ? ` — ${t("signals.labels.possibly-minor")}` : ""}`,
  ];
  if (tip.signals.length > 0) lines.push(`${t(`signals.legend.${tip.subject}`)}:`, ...tip.signals.map((signal) => `- ${t(`signals.labels.${signal}`)}`));
  if (tip.signalsSince) lines.push(`${t("signalsSince.legend")}: ${t(`signalsSince.options.${tip.signalsSince}`)}`);
  if (tip.minor?.addressStability) lines.push(`${t(labelKey("minor.addressStability"))}: ${t(`fields.minor.addressStability.options.${tip.minor.addressStability}`)}`);
  lines.push("");
  for (const field of redactableFields(fields)) {
    // Which ad, suspect or phone number: list positions counted from 1 ("Verdachte 2 — telefoon 1").
    const positions = field.path.split(".").filter((part) => /^\d+$/.test(part)).map((part) => Number(part) + 1);
    lines.push(`${t(labelKey(field.path))}${positions.length > 0 ? ` (${positions.join(".")})` : ""}: ${field.value}`);
  }
  return { format: POLICE_REPORT_FORMAT, version: 1, receivedOn: input.receivedOn, forwardedOn: input.forwardedOn, fields, document: lines.join("\n") };
}
