import { describe, expect, it } from "vitest";

import { normaliseLink, TRACKING_PARAMETERS } from "@/lib/tips/normalise-link";

const url = (input: string) => {
  const r = normaliseLink(input);
  return r.ok ? r.url : null;
};

/** A concrete parameter name for a list entry (`utm_*` → `utm_source`). */
const concrete = (entry: string) => (entry.endsWith("*") ? `${entry.slice(0, -1)}source` : entry);

describe("normaliseLink", () => {
  it("adds https:// to a link typed without a scheme, keeping path and query", () => {
    expect(url("www.x.nl/ad?id=5")).toBe("https://www.x.nl/ad?id=5");
    expect(url("  kinky.nl/advertentie/12345  ")).toBe("https://kinky.nl/advertentie/12345");
    expect(url("//x.nl/ad")).toBe("https://x.nl/ad");
    expect(url("www.x.nl:8080/ad")).toBe("https://www.x.nl:8080/ad");
  });

  it("keeps http and https links and lowercases the host but not the path", () => {
    expect(url("http://WWW.Example.NL/Ad/ABC?Id=5")).toBe("http://www.example.nl/Ad/ABC?Id=5");
    expect(url("HTTPS://X.NL")).toBe("https://x.nl/");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "mailto:someone@example.nl",
    "ftp://x.nl/file",
    "ws://x.nl/socket",
    "https:x.nl",
    "blob:https://x.nl/uuid",
  ])("rejects a link with another scheme: %s", (input) => {
    expect(normaliseLink(input)).toEqual({ ok: false });
  });

  it.each(["", "   ", "not a link", "localhost:3000", "https://intranet/", "https://", "x..nl", `x.nl/${"a".repeat(2100)}`])(
    "rejects what is not a public web link: %j",
    (input) => {
      expect(normaliseLink(input)).toEqual({ ok: false });
    },
  );

  it("turns internationalised host names into punycode so look-alike letters show", () => {
    expect(url("https://exаmple.nl/ad")).toBe("https://xn--exmple-4nf.nl/ad"); // Cyrillic а
  });

  it("drops credentials so a link cannot pose as another host", () => {
    expect(url("https://politie.nl@evil.example/ad")).toBe("https://evil.example/ad");
  });

  it("lists the common click and campaign identifiers", () => {
    expect(TRACKING_PARAMETERS).toEqual(
      expect.arrayContaining([
        "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "igsh", "si", "ref", "ref_src",
        "ref_url", "mc_cid", "mc_eid", "_ga", "_gl", "twclid", "ttclid", "li_fat_id", "s_cid", "mkt_tok", "spm",
      ]),
    );
    for (const entry of TRACKING_PARAMETERS) expect(entry).toBe(entry.toLowerCase());
  });

  it.each(TRACKING_PARAMETERS.map((entry) => [entry]))("strips tracking parameter %s from the query", (entry) => {
    const name = concrete(entry);
    expect(url(`https://x.nl/ad?id=5&${name}=abc123&page=2`)).toBe("https://x.nl/ad?id=5&page=2");
    expect(url(`https://x.nl/ad?${name}=abc123`)).toBe("https://x.nl/ad");
    expect(url(`https://x.nl/ad?${name.toUpperCase()}=abc123&id=5`)).toBe("https://x.nl/ad?id=5");
  });

  it.each(TRACKING_PARAMETERS.map((entry) => [entry]))("strips tracking parameter %s from a query-like fragment", (entry) => {
    const name = concrete(entry);
    expect(url(`https://x.nl/ad#${name}=abc&tab=photos`)).toBe("https://x.nl/ad#tab=photos");
    expect(url(`https://x.nl/#/ad/5?${name}=abc`)).toBe("https://x.nl/#/ad/5");
  });

  it("strips every utm_ parameter, whatever follows the prefix", () => {
    expect(url("https://x.nl/?utm_source=a&utm_medium=b&utm_campaign=c&utm_term=d&utm_content=e&utm_id=f&q=1")).toBe(
      "https://x.nl/?q=1",
    );
  });

  it("keeps non-tracking parameters in their order and exact encoding", () => {
    expect(url("https://x.nl/zoek?q=a%20b&fbclid=1&city=Den+Haag&id&z=1")).toBe("https://x.nl/zoek?q=a%20b&city=Den+Haag&id&z=1");
  });

  it("does not strip parameters whose value (not name) looks like tracking, or names that only contain a listed name", () => {
    expect(url("https://x.nl/?a=utm_source&referral=5&sid=7&ssi=1")).toBe("https://x.nl/?a=utm_source&referral=5&sid=7&ssi=1");
  });

  it("matches percent-encoded parameter names", () => {
    expect(url("https://x.nl/?%75tm_source=x&id=1")).toBe("https://x.nl/?id=1");
  });

  it("drops an empty ? and #, and empty parameter slots", () => {
    expect(url("https://x.nl/ad?")).toBe("https://x.nl/ad");
    expect(url("https://x.nl/ad#")).toBe("https://x.nl/ad");
    expect(url("https://x.nl/ad?&&id=5&&")).toBe("https://x.nl/ad?id=5");
    expect(url("https://x.nl/ad?gclid=1#fbclid=2")).toBe("https://x.nl/ad");
  });

  it("leaves plain and text fragments alone", () => {
    expect(url("https://x.nl/ad#photos")).toBe("https://x.nl/ad#photos");
    expect(url("https://x.nl/ad#:~:text=ref=5")).toBe("https://x.nl/ad#:~:text=ref=5");
  });

  it("is idempotent", () => {
    for (const input of ["www.x.nl/ad?id=5&utm_source=x", "https://X.nl/a%20b?q=a+b#/r?x=1&fbclid=2", "https://exаmple.nl/ad"]) {
      const once = url(input);
      expect(once).not.toBeNull();
      expect(url(once as string)).toBe(once);
    }
  });
});
