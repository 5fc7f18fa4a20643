import { describe, expect, it } from "vitest";

import { HOST_TRACKING_PARAMETERS, normaliseLink, REDIRECT_WRAPPERS, TRACKING_PARAMETERS } from "@/lib/tips/normalise-link";

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
        "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "igsh", "ref_src",
        "ref_url", "mc_cid", "mc_eid", "_ga", "_gl", "twclid", "ttclid", "li_fat_id", "s_cid", "mkt_tok", "spm",
      ]),
    );
    for (const entry of TRACKING_PARAMETERS) expect(entry).toBe(entry.toLowerCase());
  });

  it("lists the sharer and click identifiers of Facebook, Threads, LinkedIn, TikTok and Google Search", () => {
    expect(TRACKING_PARAMETERS).toEqual(
      expect.arrayContaining([
        "mibextid", "__cft__*", "__tn__", "xmt", "rcm", "_r", "_t", "share_item_id", "share_app_id", "sender_device",
        "ved", "ei", "usg", "sxsrf", "gs_lcp", "aqs", "oq", "sca_esv",
      ]),
    );
  });

  it("keeps names that mean something else on most sites off the global list", () => {
    for (const name of ["s", "t", "si", "ref", "q", "id", "v", "source", "context", "lang"]) {
      expect(TRACKING_PARAMETERS as readonly string[]).not.toContain(name);
    }
    for (const { hosts, parameters } of HOST_TRACKING_PARAMETERS) {
      expect(hosts.length).toBeGreaterThan(0);
      for (const entry of [...hosts, ...parameters]) expect(entry).toBe(entry.toLowerCase());
    }
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

  it("strips Facebook's per-click parameters, also percent-encoded ones like __cft__[0]", () => {
    expect(url("https://www.facebook.com/marketplace/item/1/?mibextid=Zx&__cft__[0]=AZW&__tn__=%2CO%2CP-R&ref=share")).toBe(
      "https://www.facebook.com/marketplace/item/1/",
    );
    expect(url("https://www.facebook.com/p/1?__cft__%5B0%5D=AZW&id=1")).toBe("https://www.facebook.com/p/1?id=1");
  });

  it("strips the sharer ids of a TikTok share link", () => {
    expect(url("https://www.tiktok.com/@u/video/7?_r=1&_t=8kA&share_item_id=7&share_app_id=1233&sender_device=pc&is_from_webapp=1")).toBe(
      "https://www.tiktok.com/@u/video/7",
    );
  });

  it("strips Google Search's click and session parameters but keeps the query", () => {
    expect(url("https://www.google.nl/search?q=kelderbox&sca_esv=1&sxsrf=AB&ei=xy&ved=0ah&uact=5&oq=kel&gs_lcp=Cgd&aqs=chrome..69&sourceid=chrome&ie=UTF-8")).toBe(
      "https://www.google.nl/search?q=kelderbox",
    );
  });

  it.each(HOST_TRACKING_PARAMETERS.flatMap(({ hosts, parameters }) => hosts.flatMap((host) => parameters.map((name) => [host, name]))))(
    "on %s strips %s, which it keeps on other sites",
    (hostPattern, name) => {
      const host = `www.${hostPattern.replace(/\*$/, "nl")}`;
      expect(url(`https://${host}/p?id=5&${name}=abc123`)).toBe(`https://${host}/p?id=5`);
      expect(url(`https://${host}/p#${name}=abc123`)).toBe(`https://${host}/p`);
      expect(url(`https://kinky.nl/ad/123?${name}=abc123`)).toBe(`https://kinky.nl/ad/123?${name}=abc123`);
    },
  );

  it("strips s, t, si and ref only where they track: X, YouTube, Spotify, Facebook — not on an ad site", () => {
    expect(url("https://x.com/u/status/1?s=20&t=aBcD")).toBe("https://x.com/u/status/1");
    expect(url("https://mobile.twitter.com/u/status/1?s=46&t=x")).toBe("https://mobile.twitter.com/u/status/1");
    // On YouTube t is where the video starts: kept; si is the sharer: stripped.
    expect(url("https://www.youtube.com/watch?v=abc&t=42&si=XyZ")).toBe("https://www.youtube.com/watch?v=abc&t=42");
    expect(url("https://youtu.be/abc?si=XyZ&t=10")).toBe("https://youtu.be/abc?t=10");
    expect(url("https://open.spotify.com/track/1?si=abc")).toBe("https://open.spotify.com/track/1");
    expect(url("https://www.instagram.com/p/abc/?igsh=MWx&ref=share")).toBe("https://www.instagram.com/p/abc/");
    expect(url("https://www.threads.net/@u/post/abc?xmt=AQG&slof=1")).toBe("https://www.threads.net/@u/post/abc");
    expect(url("kinky.nl/ad/123?ref=abc")).toBe("https://kinky.nl/ad/123?ref=abc");
    expect(url("https://x.nl/ad?s=2&t=3&si=1&ref=4")).toBe("https://x.nl/ad?s=2&t=3&si=1&ref=4");
    // A host only matches itself and its subdomains, not a look-alike.
    expect(url("https://notx.com/a?s=1&t=2")).toBe("https://notx.com/a?s=1&t=2");
    expect(url("https://x.com.evil.nl/a?s=1")).toBe("https://x.com.evil.nl/a?s=1");
  });

  it.each([
    ["https://l.facebook.com/l.php?u=https%3A%2F%2Fkinky.nl%2Fad%2F5%3Fid%3D5%26fbclid%3DIwAR1&h=AT0abcDEF&__tn__=R", "https://kinky.nl/ad/5?id=5"],
    ["https://lm.facebook.com/l.php?u=https%3A%2F%2Fx.nl%2Fad&h=AT1xyz", "https://x.nl/ad"],
    ["https://l.messenger.com/l.php?u=https%3A%2F%2Fx.nl%2Fad&h=AT1xyz", "https://x.nl/ad"],
    ["https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&cd=1&ved=2ah&url=https%3A%2F%2Fkinky.nl%2Fad%2F9&usg=AOvVaw", "https://kinky.nl/ad/9"],
    ["https://www.google.nl/url?q=https://x.nl/ad?id=1&sa=D&ust=1700000000&usg=AOvVaw", "https://x.nl/ad?id=1"],
    ["https://www.google.co.uk/url?q=https%3A%2F%2Fx.nl%2Fad", "https://x.nl/ad"],
    ["https://l.instagram.com/?u=https%3A%2F%2Fx.nl%2Fad%3Futm_source%3Dig&e=AT0abc", "https://x.nl/ad"],
    ["https://l.threads.net/?u=https%3A%2F%2Fx.nl%2Fad&e=AT0abc", "https://x.nl/ad"],
    ["https://out.reddit.com/t3_abc?url=https%3A%2F%2Fx.nl%2Fad&token=AQAA&app_name=web2x", "https://x.nl/ad"],
    ["https://www.youtube.com/redirect?event=video_description&redir_token=QUFF&q=https%3A%2F%2Fx.nl%2Fad&v=abc", "https://x.nl/ad"],
    ["https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fx.nl%2Fad&urlhash=abc&trk=public", "https://x.nl/ad"],
    // Outlook Safe Links carry the recipient's e-mail address in data=.
    ["https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.nl%2Fad%3Fid%3D3&data=05%7C02%7Cj.devries%40ggd.nl%7C&sdata=abc&reserved=0", "https://x.nl/ad?id=3"],
    // A wrapper inside a wrapper: unwrapped through, so the inner h= does not survive either.
    ["https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fx.nl%252Fad%26h%3DAT0abc", "https://x.nl/ad"],
  ])("unwraps the redirect %s to the normalised target, without its per-user token", (input, expected) => {
    expect(url(input)).toBe(expected);
    expect(url(input)).not.toMatch(/[?&](?:h|e|token|data|usg|redir_token)=/);
  });

  it("lists the wrappers it unwraps", () => {
    const hosts = REDIRECT_WRAPPERS.flatMap((w) => w.hosts);
    expect(hosts).toEqual(expect.arrayContaining(["facebook.com", "l.instagram.com", "google.*", "out.reddit.com"]));
  });

  it("rejects a wrapper without a usable target rather than keep its per-user token", () => {
    expect(normaliseLink("https://l.facebook.com/l.php?u=javascript%3Aalert(1)&h=AT0abc")).toEqual({ ok: false });
    expect(normaliseLink("https://l.facebook.com/l.php?h=AT0abc")).toEqual({ ok: false });
    expect(normaliseLink("https://www.google.com/url?q=&usg=AOvVaw")).toEqual({ ok: false });
    const nested = (depth: number): string =>
      depth === 0 ? "https://x.nl/ad" : `https://l.facebook.com/l.php?u=${encodeURIComponent(nested(depth - 1))}&h=x`;
    expect(url(nested(3))).toBe("https://x.nl/ad");
    expect(normaliseLink(nested(4))).toEqual({ ok: false });
  });

  it("does not unwrap a look-alike host or another path on the wrapper's host", () => {
    expect(url("https://google.evil.com/url?q=https://x.nl/")).toBe("https://google.evil.com/url?q=https://x.nl/");
    expect(url("https://facebook.com.evil.nl/l.php?u=https://x.nl/")).toBe("https://facebook.com.evil.nl/l.php?u=https://x.nl/");
    expect(url("https://www.facebook.com/groups/1?u=5")).toBe("https://www.facebook.com/groups/1?u=5");
  });

  it("is idempotent", () => {
    for (const input of [
      "www.x.nl/ad?id=5&utm_source=x",
      "https://X.nl/a%20b?q=a+b#/r?x=1&fbclid=2",
      "https://exаmple.nl/ad",
      "https://l.facebook.com/l.php?u=https%3A%2F%2Fx.nl%2Fad%3Fref%3D1&h=x",
      "https://www.youtube.com/watch?v=abc&t=42&si=XyZ",
      "kinky.nl/ad/123?ref=abc&t=1",
    ]) {
      const once = url(input);
      expect(once).not.toBeNull();
      expect(url(once as string)).toBe(once);
    }
  });
});
