/**
 * Query and fragment parameters that only track who clicked or shared a link. They are
 * stripped from advertisement links so a tip does not carry the reporter's (or anyone's)
 * click or share identifiers. Lowercase; compared case-insensitively against the
 * percent-decoded parameter name. An entry ending in `*` matches every name with that
 * prefix.
 *
 * Sources: the AdGuard URL Tracking filter, Firefox query stripping, ClearURLs and the
 * platforms' own documentation of their click ids.
 */
export const TRACKING_PARAMETERS = [
  // Google Analytics / Urchin campaign parameters, Google Ads and Google linker
  "utm_*",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "gad_source",
  "gad_campaignid",
  "srsltid",
  "_ga",
  "_gl",
  // Meta (Facebook, Instagram)
  "fbclid",
  "fb_action_ids",
  "fb_action_types",
  "fb_ref",
  "fb_source",
  "igshid",
  "igsh",
  // Microsoft, Yandex, Yahoo
  "msclkid",
  "cvid",
  "oicd",
  "yclid",
  "ysclid",
  "guccounter",
  "guce_referrer",
  "guce_referrer_sig",
  // X / Twitter, TikTok, LinkedIn, Snapchat, Reddit, Pinterest
  "twclid",
  "ttclid",
  "li_fat_id",
  "trk",
  "trkinfo",
  "sccid",
  "rdt_cid",
  "epik",
  // Share identifiers (YouTube, Spotify) and referrer parameters
  "si",
  "ref",
  "ref_src",
  "ref_url",
  // E-mail marketing: Mailchimp, HubSpot, Marketo, Klaviyo, Drip, MailerLite, Vero
  "mc_cid",
  "mc_eid",
  "_hsenc",
  "_hsmi",
  "__hssc",
  "__hstc",
  "__hsfp",
  "hsctatracking",
  "hsa_*",
  "mkt_tok",
  "_kx",
  "__s",
  "ml_subscriber",
  "ml_subscriber_hash",
  "vero_id",
  "vero_conv",
  // Adobe, AT Internet, Webtrends, Matomo / Piwik, Openstat
  "s_cid",
  "s_kwcid",
  "ef_id",
  "xtor",
  "wt.mc_id",
  "mtm_*",
  "pk_*",
  "piwik_*",
  "_openstat",
  // Ad networks and affiliate click ids: Outbrain, Taboola, Impact, Olytics, Alibaba
  "dicbo",
  "obclid",
  "tblci",
  "irclickid",
  "irgwc",
  "oly_anon_id",
  "oly_enc_id",
  "rb_clickid",
  "spm",
  "scm",
  "_branch_match_id",
] as const;

/** Longest input accepted; longer "links" are not links a person pasted. */
export const MAX_LINK_INPUT_LENGTH = 2048;

const EXACT_TRACKING = new Set<string>(TRACKING_PARAMETERS.filter((p) => !p.endsWith("*")));
const PREFIX_TRACKING = TRACKING_PARAMETERS.filter((p) => p.endsWith("*")).map((p) => p.slice(0, -1));

/**
 * Normalises a link to an online advertisement as a reporter pastes or types it.
 *
 * Accepts `www.x.nl/ad?id=5` (adds `https://`), `//x.nl/ad` and full http(s) URLs. Anything
 * with another scheme (`javascript:`, `data:`, `file:`, `mailto:` …), no host with a dot
 * (or IP address), or that the URL parser rejects, fails. The host is lowercased (and
 * internationalised names become punycode, which defeats look-alike letters), credentials
 * and default ports are dropped, and every parameter on {@link TRACKING_PARAMETERS} is
 * removed from the query and from a query-like `#fragment`; other parameters keep their
 * order and their exact encoding. An empty `?` or `#` is dropped.
 *
 * Idempotent: normalising a normalised link returns it unchanged.
 *
 * @returns `{ ok: true, url }`, or `{ ok: false }` when the input is not a usable web link.
 */
export function normaliseLink(input: string): { ok: true; url: string } | { ok: false } {
  if (typeof input !== "string") return { ok: false };
  // The WHATWG parser silently drops tabs and newlines anywhere; do so first so the scheme
  // check below sees the same text the parser will.
  const text = input.replace(/[\t\n\r]/g, "").trim();
  if (text === "" || text.length > MAX_LINK_INPUT_LENGTH || /\s/.test(text)) {
    // A pasted link with inner spaces is usually two things glued together.
    return { ok: false };
  }

  let candidate: string;
  if (/^https?:\/\//i.test(text)) {
    candidate = text;
  } else if (text.startsWith("//")) {
    candidate = `https:${text}`;
  } else if (hasOtherScheme(text)) {
    return { ok: false };
  } else {
    candidate = `https://${text}`;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false };
  if (!isPlausibleHost(url.hostname)) return { ok: false };

  const search = stripTrackingFromQuery(url.search.slice(1));
  const hash = stripTrackingFromFragment(url.hash.slice(1));
  const result =
    `${url.protocol}//${url.host}${url.pathname}` +
    (search === "" ? "" : `?${search}`) +
    (hash === "" ? "" : `#${hash}`);
  return { ok: true, url: result };
}

/**
 * True for `scheme:…` inputs that are not a host with a port: `javascript:alert(1)` has a
 * scheme, `www.x.nl:8080/ad` and `localhost:3000` do not.
 */
function hasOtherScheme(text: string): boolean {
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(text);
  if (!m) return false;
  const [, scheme = "", rest = ""] = m;
  if (scheme.includes(".")) return false;
  return !/^\d+(?:[/?#]|$)/.test(rest);
}

function isPlausibleHost(hostname: string): boolean {
  if (hostname.startsWith("[")) return true; // IPv6 literal, validated by the parser
  if (hostname.length > 253 || !hostname.includes(".")) return false;
  if (hostname.startsWith(".") || hostname.includes("..")) return false;
  const labels = hostname.replace(/\.$/, "").split(".");
  return labels.every((l) => l.length > 0 && l.length <= 63);
}

function isTrackingName(rawName: string): boolean {
  let name = rawName.replace(/\+/g, " ");
  try {
    name = decodeURIComponent(name);
  } catch {
    // Malformed percent-encoding: compare the raw name.
  }
  name = name.trim().toLowerCase();
  if (EXACT_TRACKING.has(name)) return true;
  return PREFIX_TRACKING.some((prefix) => name.startsWith(prefix));
}

/** Removes tracking and empty parameters from a raw `a=1&b=2` string, keeping the rest verbatim. */
function stripTrackingFromQuery(query: string): string {
  if (query === "") return "";
  return query
    .split("&")
    .filter((part) => part !== "" && !isTrackingName(part.split("=", 1)[0] ?? ""))
    .join("&");
}

/**
 * Fragments are often used as a second query (`#utm_source=x`, or hash routes like
 * `#/ad/5?utm_source=x`). Only those query-like parts are touched; a plain `#section` or a
 * text fragment (`#:~:text=…`) keeps its meaning.
 */
function stripTrackingFromFragment(fragment: string): string {
  if (fragment === "") return "";
  const q = fragment.indexOf("?");
  if (q >= 0) {
    const route = fragment.slice(0, q);
    const query = stripTrackingFromQuery(fragment.slice(q + 1));
    return query === "" ? route : `${route}?${query}`;
  }
  if (fragment.startsWith(":~:")) return fragment;
  if (!fragment.includes("=")) return fragment;
  return stripTrackingFromQuery(fragment);
}
