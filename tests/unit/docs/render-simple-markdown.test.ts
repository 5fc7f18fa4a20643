import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSimpleMarkdown } from "@/lib/docs/parse-simple-markdown";
import { renderSimpleMarkdown } from "@/lib/docs/render-simple-markdown";
import { selectPrivacySection } from "@/lib/docs/select-privacy-section";

const html = (markdown: string) => renderToStaticMarkup(renderSimpleMarkdown(parseSimpleMarkdown(markdown).blocks));

describe("renderSimpleMarkdown", () => {
  it("renders headings, paragraphs, bullet lists and bold", () => {
    const markdown = [
      "# Privacy",
      "",
      "We keep **only** the day,",
      "never the time.",
      "",
      "## What we never keep",
      "",
      "- Your **IP address**.",
      "- Details of your browser",
      "  or your device.",
      "",
      "Call 112.",
    ].join("\n");
    expect(html(markdown)).toBe(
      "<h1>Privacy</h1>" +
        "<p>We keep <strong>only</strong> the day, never the time.</p>" +
        "<h2>What we never keep</h2>" +
        "<ul><li>Your <strong>IP address</strong>.</li><li>Details of your browser or your device.</li></ul>" +
        "<p>Call 112.</p>",
    );
  });

  it("renders HTML in the document as text, never as markup", () => {
    const output = html('Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">');
    expect(output).not.toContain("<script");
    expect(output).not.toContain("<img");
    expect(output).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});

describe("parseSimpleMarkdown", () => {
  it("accepts the subset without complaint", () => {
    expect(parseSimpleMarkdown("# T\n\n## S\n\nText with **bold**.\n\n- one\n- two").unsupported).toEqual([]);
  });

  it.each([
    ["a table", "| a | b |\n| --- | --- |", "table"],
    ["a link", "See [the site](https://example.nl).", "link"],
    ["a bare web address", "See https://example.nl", "web address"],
    ["HTML", "A <br> break", "HTML"],
    ["a third-level heading", "### Deep", "heading below level 2"],
    ["a numbered list", "1. first", "numbered list"],
    ["a star bullet", "* item", "bullet other than '- '"],
    ["inline code", "Run `npm start`", "code"],
    ["italics", "This is *important*", "italics"],
    ["an unpaired **", "This is **bold", "unpaired **"],
  ])("reports %s as unsupported, and still renders it as text", (_name, markdown, problem) => {
    const parsed = parseSimpleMarkdown(markdown);
    expect(parsed.unsupported).toContain(`line 1: ${problem}`);
    expect(parsed.blocks.length).toBeGreaterThan(0);
  });
});

describe("selectPrivacySection", () => {
  const document = ["<!-- lang:nl -->", "# Nederlands", "", "Tekst.", "<!-- lang:en -->", "# English", "", "Text."].join("\n");

  it("picks the section of the language asked for, without the markers", () => {
    expect(selectPrivacySection(document, "nl")).toBe("# Nederlands\n\nTekst.");
    expect(selectPrivacySection(document, "en")).toBe("# English\n\nText.");
  });

  it("answers null for a missing or empty section, and ignores a marker inside a line", () => {
    expect(selectPrivacySection("<!-- lang:nl -->\n# Alleen Nederlands", "en")).toBeNull();
    expect(selectPrivacySection("<!-- lang:en -->\n\n<!-- lang:nl -->\nTekst", "en")).toBeNull();
    expect(selectPrivacySection("Text <!-- lang:en --> inline", "en")).toBeNull();
  });
});
