/** Entries read from one form post; the tip form has fewer than 200 fields. */
export const MAX_FORM_ENTRIES = 500;

/** Highest list index accepted in a field name (`adult.ads.63.url`); the longest list holds 10. */
export const MAX_FORM_INDEX = 63;

const MAX_NAME_LENGTH = 100;
const MAX_DEPTH = 5;

/** Names posted repeatedly, once per ticked checkbox, that always form a list. */
const REPEATED_NAMES = new Set(["signals"]);
/** Single checkboxes: present means on. */
const BOOLEAN_NAMES = new Set(["possiblyMinor"]);

// Keys that would reach Object.prototype or a constructor when assigned.
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const KEY_SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const INDEX_SEGMENT = /^(?:0|[1-9][0-9]{0,2})$/;

type TNode = { kind: "leaf"; value: string | string[] } | { kind: "object"; children: Map<string, TNode> } | { kind: "list"; children: Map<number, TNode> };

type TSegment = { key: string } | { index: number };

function parseName(name: string): TSegment[] | undefined {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  const parts = name.split(".");
  if (parts.length > MAX_DEPTH) return undefined;
  const segments: TSegment[] = [];
  for (const [i, part] of parts.entries()) {
    if (INDEX_SEGMENT.test(part)) {
      const index = Number(part);
      if (i === 0 || index > MAX_FORM_INDEX) return undefined;
      segments.push({ index });
    } else if (KEY_SEGMENT.test(part) && !FORBIDDEN_KEYS.has(part)) {
      segments.push({ key: part });
    } else {
      return undefined;
    }
  }
  return segments;
}

/** The child node for `segment`, creating it; `undefined` when `parent` has the other shape. */
function child(parent: TNode, segment: TSegment, create: () => TNode): TNode | undefined {
  if ("key" in segment && parent.kind === "object") {
    let node = parent.children.get(segment.key);
    if (!node) parent.children.set(segment.key, (node = create()));
    return node;
  }
  if ("index" in segment && parent.kind === "list") {
    let node = parent.children.get(segment.index);
    if (!node) parent.children.set(segment.index, (node = create()));
    return node;
  }
  return undefined;
}

function branchFor(next: TSegment): () => TNode {
  return "index" in next ? () => ({ kind: "list", children: new Map() }) : () => ({ kind: "object", children: new Map() });
}

function insert(root: TNode, segments: TSegment[], name: string, value: string): void {
  let node: TNode | undefined = root;
  for (let i = 0; i < segments.length - 1 && node; i++) {
    node = child(node, segments[i] as TSegment, branchFor(segments[i + 1] as TSegment));
  }
  const last = segments[segments.length - 1];
  if (!node || !last) return;
  const repeated = segments.length === 1 && REPEATED_NAMES.has(name);
  const leaf = child(node, last, () => ({ kind: "leaf", value: repeated ? [] : value }));
  // A name posted twice for a single value (or a leaf that is also a branch) is ambiguous:
  // the first value wins and the rest are ignored.
  if (repeated && leaf?.kind === "leaf" && Array.isArray(leaf.value)) leaf.value.push(value);
}

function toValue(node: TNode, path: string): unknown {
  if (node.kind === "leaf") {
    if (BOOLEAN_NAMES.has(path) && typeof node.value === "string") {
      if (["on", "true", "1"].includes(node.value)) return true;
      if (["off", "false", "0"].includes(node.value)) return false;
    }
    return node.value;
  }
  if (node.kind === "list") {
    const list = [...node.children.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, n]) => toValue(n, `${path}.${index}`))
      .filter((v) => v !== undefined);
    return list.length === 0 ? undefined : list;
  }
  const out: Record<string, unknown> = {};
  for (const [key, n] of node.children) {
    const value = toValue(n, path === "" ? key : `${path}.${key}`);
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Turns a posted tip form (the no-JavaScript path) into the nested input `ZTip` takes,
 * from the same dotted names react-hook-form registers: `subject`, `signals` (one entry
 * per ticked box), `adult.workplace`, `adult.ads.0.url`, `adult.plates.2`,
 * `suspects.1.phones.0`, `minor.phones.0`, `seenOrHeard`.
 *
 * Empty values are left out; list slots and sections left entirely empty disappear and
 * lists close up in index order (`adult.plates.2` alone becomes `plates: ["…"]`).
 * `possiblyMinor` becomes a boolean. Ignored, never failing: names starting with
 * `$ACTION` or `_` (framework fields), files, malformed names, indices above
 * {@link MAX_FORM_INDEX}, `__proto__`/`constructor`/`prototype`, a second value for a
 * single-valued name, and everything after the first {@link MAX_FORM_ENTRIES} entries.
 * The result is not validated: pass it to `ZTip.safeParse`.
 *
 * @returns A plain object (possibly `{}`); never throws.
 */
export function parseTipFormData(formData: FormData): unknown {
  const root: TNode = { kind: "object", children: new Map() };
  let seen = 0;
  for (const [name, value] of formData.entries()) {
    if (++seen > MAX_FORM_ENTRIES) break;
    if (typeof value !== "string" || value === "") continue;
    if (name.startsWith("$ACTION") || name.startsWith("_")) continue;
    const segments = parseName(name);
    if (!segments) continue;
    insert(root, segments, name, value);
  }
  return toValue(root, "") ?? {};
}
