// The guided form's layout, in the brochure's order: which fields each section has and
// how they are rendered. The JavaScript form, the no-JavaScript form, the review step and
// the operator's view all read this one description. Labels live in messages/*/tip.json
// under fields.<path>.label (and .help), with list indices left out of the path.

export type TTextField = { kind: "text" | "textarea" | "url"; name: string };
export type TListField = { kind: "list"; name: string; max: number };
export type TChoiceField = { kind: "choice"; name: string; options: readonly string[] };
export type TGroupListField = { kind: "group-list"; name: string; max: number; fields: readonly (TTextField | TListField)[] };
export type TField = TTextField | TListField | TChoiceField | TGroupListField;
export type TSection = { id: "adultDetails" | "adultMore" | "minorDetails" | "suspects" | "free"; prefix: string; fields: readonly TField[] };

export const ADULT_DETAILS: TSection = {
  id: "adultDetails",
  prefix: "adult",
  fields: [
    { kind: "text", name: "workplace" },
    { kind: "text", name: "age" },
    { kind: "group-list", name: "ads", max: 10, fields: [{ kind: "url", name: "url" }, { kind: "text", name: "adNumber" }] },
    { kind: "text", name: "adNameAndPhone" },
    { kind: "text", name: "workingHours" },
    { kind: "textarea", name: "arrangedBy" },
    { kind: "text", name: "paidTo" },
    { kind: "textarea", name: "companionTraits" },
    { kind: "list", name: "plates", max: 10 },
    { kind: "text", name: "price" },
    { kind: "text", name: "locationOwnerContact" },
  ],
};

export const ADULT_MORE: TSection = {
  id: "adultMore",
  prefix: "adult",
  fields: [
    { kind: "text", name: "origin" },
    { kind: "text", name: "companionContact" },
    { kind: "textarea", name: "dependency" },
    { kind: "textarea", name: "companionArranges" },
    { kind: "textarea", name: "blackmail" },
  ],
};

export const MINOR_DETAILS: TSection = {
  id: "minorDetails",
  prefix: "minor",
  fields: [
    { kind: "text", name: "residence" },
    { kind: "text", name: "age" },
    { kind: "choice", name: "addressStability", options: ["fixed", "moves-often", "unknown"] },
    { kind: "textarea", name: "associates" },
    { kind: "list", name: "phones", max: 10 },
    { kind: "textarea", name: "activities" },
    { kind: "textarea", name: "whereabouts" },
  ],
};

export const SUSPECTS: TSection = {
  id: "suspects",
  prefix: "",
  fields: [
    {
      kind: "group-list",
      name: "suspects",
      max: 5,
      fields: [
        { kind: "text", name: "name" },
        { kind: "list", name: "phones", max: 5 },
        { kind: "list", name: "vehicles", max: 5 },
        { kind: "text", name: "address" },
        { kind: "textarea", name: "description" },
      ],
    },
  ],
};

export const FREE_TEXT: TSection = { id: "free", prefix: "", fields: [{ kind: "textarea", name: "seenOrHeard" }] };

/** `a.b` joined, skipping empty parts. */
export function joinPath(...parts: (string | number)[]): string {
  return parts.filter((part) => part !== "").join(".");
}

/** The message key of a field's label: list indices are left out (`suspects.0.name` → `fields.suspects.name`). */
export function labelKey(path: string, suffix: "label" | "help" = "label"): string {
  return `fields.${path.split(".").filter((part) => !/^\d+$/.test(part)).join(".")}.${suffix}`;
}
