import type { TInboxTip } from "@/lib/inbox/inbox-tip";
import type { TTip } from "@/lib/tips/tip-schema";

// Codes, not text: the operator sees them translated (and English ids would match Dutch
// words by accident); the subject has its own filter.
const CODED_KEYS: ReadonlySet<string> = new Set(["subject", "signals", "signalsSince", "addressStability"]);

/** Lower case, decomposed (NFD) and stripped of combining marks: "Cliënt" → "client". */
export function normaliseForSearch(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

function collectText(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectText(item, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) if (!CODED_KEYS.has(key)) collectText(item, out);
  }
}

// A tip is immutable once opened; its normalised text is computed once per tip object
// and goes when the tip goes (weak keys: nothing outlives the tab's list).
const searchText = new WeakMap<TTip, string>();

function textOf(tip: TTip): string {
  let text = searchText.get(tip);
  if (text === undefined) {
    const parts: string[] = [];
    collectText(tip, parts);
    // One line per value: a term (no whitespace) cannot match across two values.
    text = parts.map(normaliseForSearch).join("\n");
    searchText.set(tip, text);
  }
  return text;
}

/**
 * Whether a tip matches a search: every whitespace-separated term of `query` occurs in
 * some text value of the decrypted tip (free text, section fields, list items, ads,
 * suspects), ignoring case and diacritics. Coded choices (subject, signal ids, "how
 * long", address stability) are not searched. A blank query matches every tip; an
 * unreadable tip (envelope `null`) matches only a blank query.
 */
export function matchesQuery(tip: TInboxTip, query: string): boolean {
  const terms = normaliseForSearch(query).split(/\s+/).filter((term) => term !== "");
  if (terms.length === 0) return true;
  if (!tip.envelope) return false;
  const text = textOf(tip.envelope.tip);
  return terms.every((term) => text.includes(term));
}
