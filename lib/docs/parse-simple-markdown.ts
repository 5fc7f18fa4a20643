/**
 * The small Markdown subset of the documents the site renders itself (docs/PRIVACY.md):
 * `#` and `##` headings, paragraphs, `- ` bullet lists and **bold**. Anything else is
 * kept as plain text and reported in `unsupported`, so a test can hold the documents to
 * the subset while the page never fails on a stray character.
 */

/** A run of text, bold or not. */
export type TInline = { text: string; bold: boolean };

export type TBlock =
  | { kind: "heading"; level: 1 | 2; content: TInline[] }
  | { kind: "paragraph"; content: TInline[] }
  | { kind: "list"; items: TInline[][] };

export type TParsedMarkdown = { blocks: TBlock[]; unsupported: string[] };

// Constructs outside the subset, each with the name a test failure shows.
const UNSUPPORTED_LINES: [RegExp, string][] = [
  [/^#{3,}\s/, "heading below level 2"],
  [/^\s*\|/, "table"],
  [/^\s*>/, "block quote"],
  [/^\s*(```|~~~)/, "code block"],
  [/^\s*\d+[.)]\s/, "numbered list"],
  [/^\s*[*+]\s/, "bullet other than '- '"],
  [/^\s*(-{3,}|\*{3,}|_{3,})\s*$/, "horizontal rule"],
  [/^ {4,}\S/, "indented code or nested list"],
];
const UNSUPPORTED_INLINE: [RegExp, string][] = [
  [/\[[^\]]*\]\([^)]*\)/, "link"],
  [/<\/?[A-Za-z!][^>]*>/, "HTML"],
  [/https?:\/\//, "web address"],
  [/`/, "code"],
  [/(^|[^*])\*(?!\*)|(^|\s)_[^_\s]/, "italics"],
];

/** Splits text on `**` pairs; an unpaired `**` is an error the caller reports. */
function parseInline(text: string): { content: TInline[]; balanced: boolean } {
  const parts = text.split("**");
  const content = parts
    .map((part, index) => ({ text: part, bold: index % 2 === 1 }))
    .filter((run) => run.text !== "");
  return { content, balanced: parts.length % 2 === 1 };
}

/**
 * Parses `source` into blocks. Lines of a paragraph are joined with a space; a list item
 * continues on lines indented by two spaces. Never throws: whatever falls outside the
 * subset is rendered as text and listed in `unsupported` as "line N: what".
 */
export function parseSimpleMarkdown(source: string): TParsedMarkdown {
  const blocks: TBlock[] = [];
  const unsupported: string[] = [];
  let paragraph: { text: string; line: number }[] = [];
  let items: { text: string; line: number }[] = [];

  const inline = (text: string, line: number): TInline[] => {
    const parsed = parseInline(text);
    if (!parsed.balanced) unsupported.push(`line ${line}: unpaired **`);
    for (const [pattern, name] of UNSUPPORTED_INLINE) {
      if (pattern.test(text.replace(/\*\*/g, ""))) unsupported.push(`line ${line}: ${name}`);
    }
    return parsed.content;
  };
  const flush = () => {
    const first = paragraph[0];
    if (first) blocks.push({ kind: "paragraph", content: inline(paragraph.map((part) => part.text).join(" "), first.line) });
    if (items.length > 0) blocks.push({ kind: "list", items: items.map((item) => inline(item.text, item.line)) });
    paragraph = [];
    items = [];
  };

  for (const [index, raw] of source.split(/\r?\n/).entries()) {
    const line = index + 1;
    const text = raw.trimEnd();
    const heading = /^(#{1,2})\s+(.+)$/.exec(text);
    const item = /^- (.*)$/.exec(text);
    const last = items.at(-1);
    if (text.trim() === "") {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1] === "#" ? 1 : 2, content: inline(heading[2] ?? "", line) });
    } else if (item) {
      if (paragraph.length > 0) flush();
      items.push({ text: item[1] ?? "", line });
    } else if (last && /^ {2,3}\S/.test(text)) {
      last.text += ` ${text.trim()}`;
    } else {
      for (const [pattern, name] of UNSUPPORTED_LINES) if (pattern.test(text)) unsupported.push(`line ${line}: ${name}`);
      if (items.length > 0) flush();
      paragraph.push({ text: text.trim(), line });
    }
  }
  flush();
  return { blocks, unsupported };
}
