/**
 * Query and fragment parameters that only track who clicked or shared a link, on any host.
 * They are stripped from advertisement links so a tip does not carry the reporter's (or
 * anyone's) click or share identifiers. Lowercase; compared case-insensitively against the
 * percent-decoded parameter name. An entry ending in `*` matches every name with that
 * prefix. Names that mean something else on other sites (`s`, `t`, `si`, `ref`, …) are on
 * {@link HOST_TRACKING_PARAMETERS} instead, so `kinky.nl/ad/123?ref=abc` keeps its `ref`.
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
  // Google Search: result click (ved, usg, ei), session and query-typing state (sxsrf,
  // gs_lcp, aqs, oq, sca_esv), the browser's install id (rlz)
  "ved",
  "ei",
  "usg",
  "sxsrf",
  "gs_lcp",
  "gs_lp",
  "gs_ssp",
  "aqs",
  "oq",
  "sca_esv",
  "sca_upv",
  "iflsig",
  "rlz",
  // Google Maps share links: how and from which app version the place was shared
  "g_st",
  "g_ep",
  // Meta (Facebook, Instagram, Threads, Messenger, WhatsApp)
  "fbclid",
  "fb_action_ids",
  "fb_action_types",
  "fb_ref",
  "fb_source",
  "mibextid",
  "__cft__*",
  "__tn__",
  "__xts__*",
  "_rdr",
  "_rdc",
  "hc_ref",
  "hc_location",
  "sfnsn",
  "wtsid",
  "igshid",
  "igsh",
  "xmt",
  // Microsoft, Yandex, Yahoo
  "msclkid",
  "cvid",
  "oicd",
  "yclid",
  "ysclid",
  "guccounter",
  "guce_referrer",
  "guce_referrer_sig",
  // X / Twitter, LinkedIn, Snapchat, Reddit, Pinterest
  "twclid",
  "__twitter_impression",
  "li_fat_id",
  "trk",
  "trkinfo",
  "trkemail",
  "trackingid",
  "lipi",
  "licu",
  "midtoken",
  "midsig",
  "rcm",
  "sccid",
  "share_id",
  "rdt_cid",
  "epik",
  // TikTok share links: who shared, from which device and account
  "ttclid",
  "_r",
  "_t",
  "share_item_id",
  "share_app_id",
  "share_link_id",
  "share_author_id",
  "sender_device",
  "sender_web_id",
  "is_from_webapp",
  "is_copy_url",
  "tt_from",
  "u_code",
  "sec_user_id",
  "social_sharing",
  // Referrer parameters
  "ref_src",
  "ref_url",
  // E-mail marketing: Mailchimp, HubSpot, Marketo, Klaviyo, Drip, MailerLite, Vero, ActiveCampaign
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
  "_ke",
  "__s",
  "ml_subscriber",
  "ml_subscriber_hash",
  "vero_id",
  "vero_conv",
  "vgo_ee",
  // Adobe, AT Internet, Webtrends, Matomo / Piwik, Openstat, Marin
  "s_cid",
  "s_kwcid",
  "ef_id",
  "xtor",
  "at_recipient_id",
  "at_recipient_list",
  "wt.mc_id",
  "mtm_*",
  "pk_*",
  "piwik_*",
  "_openstat",
  "mkwid",
  "pcrid",
  // Ad networks and affiliate click ids: Outbrain, Taboola, Impact, CJ, Zanox, Olytics, Alibaba, Branch
  "dicbo",
  "obclid",
  "tblci",
  "irclickid",
  "irgwc",
  "cjevent",
  "zanpid",
  "oly_anon_id",
  "oly_enc_id",
  "rb_clickid",
  "spm",
  "scm",
  "_branch_match_id",
  "_branch_referrer",
] as const;

/**
 * Parameters that track the sharer or the click only on some hosts, and mean something
 * else elsewhere (`t` is the start time of a YouTube video but a share id on X; `ref` is
 * often a site's own ad reference). A host matches its subdomains too (`youtube.com` covers
 * `m.youtube.com` and `music.youtube.com`); `google.*` covers every Google country domain
 * (`google.nl`, `google.co.uk`). Same matching of names as {@link TRACKING_PARAMETERS}.
 */
export const HOST_TRACKING_PARAMETERS: readonly { hosts: readonly string[]; parameters: readonly string[] }[] = [
  // X / Twitter share ids
  { hosts: ["x.com", "twitter.com"], parameters: ["s", "t", "ref", "cxt"] },
  // YouTube, Spotify and SoundCloud share ids
  { hosts: ["youtube.com", "youtu.be", "youtube-nocookie.com"], parameters: ["si", "pp", "feature", "source_ve_path", "embeds_referring_euri", "embeds_referring_origin"] },
  { hosts: ["spotify.com", "spotify.link"], parameters: ["si", "dl_branch", "context"] },
  { hosts: ["soundcloud.com"], parameters: ["si", "ref"] },
  // Meta: "ref" says where on Facebook the link was clicked; Threads adds "slof"
  { hosts: ["facebook.com", "fb.com", "instagram.com", "threads.net", "threads.com", "messenger.com"], parameters: ["ref", "refsrc", "refid", "rdid", "share_url", "paipv", "eav", "extid", "acontext", "notif_id", "notif_t", "slof"] },
  // LinkedIn, Reddit, TikTok
  { hosts: ["linkedin.com"], parameters: ["ref", "refid", "originalsubdomain", "lici", "eid", "otptoken"] },
  { hosts: ["reddit.com"], parameters: ["ref", "ref_source", "rdt", "correlation_id"] },
  { hosts: ["tiktok.com"], parameters: ["ref", "source", "timestamp", "user_id", "sec_uid", "checksum", "enter_from", "enter_method", "share_iid", "lang"] },
  // Google Search: search client, screen size and where the search was started
  { hosts: ["google.*"], parameters: ["sa", "source", "sourceid", "client", "sclient", "ie", "oe", "biw", "bih", "dpr", "cd", "cad", "rct", "esrc", "uact", "psig", "opi", "sei", "ust", "gs_l", "gs_ivs"] },
];

/**
 * Links that only pass the click on to another site, with the target in one parameter and
 * a per-user token (`h=`, `e=`, `token=`, `data=`) beside it. The tip keeps the target,
 * normalised like any other link. `paths` limits a wrapper to those paths on its host
 * (on `google.*`, `/url` is a redirect and `/search` is not).
 */
export const REDIRECT_WRAPPERS: readonly { hosts: readonly string[]; paths?: readonly string[]; parameters: readonly string[] }[] = [
  { hosts: ["facebook.com", "messenger.com"], paths: ["/l.php"], parameters: ["u"] },
  { hosts: ["l.instagram.com", "l.threads.net", "l.threads.com"], parameters: ["u"] },
  { hosts: ["l.wl.co"], paths: ["/l"], parameters: ["u"] },
  { hosts: ["google.*"], paths: ["/url"], parameters: ["q", "url"] },
  { hosts: ["youtube.com"], paths: ["/redirect"], parameters: ["q"] },
  { hosts: ["out.reddit.com"], parameters: ["url"] },
  { hosts: ["linkedin.com"], paths: ["/redir/redirect", "/safety/go"], parameters: ["url"] },
  { hosts: ["safelinks.protection.outlook.com"], parameters: ["url"] },
  { hosts: ["duckduckgo.com"], paths: ["/l/"], parameters: ["uddg"] },
  { hosts: ["away.vk.com"], paths: ["/away.php"], parameters: ["to"] },
  { hosts: ["t.umblr.com"], paths: ["/redirect"], parameters: ["z"] },
];

/** Wrapped links unwrapped at most this deep; a deeper nest is not a link a person pasted. */
const MAX_UNWRAP_DEPTH = 3;

/** Longest input accepted; longer "links" are not links a person pasted. */
export const MAX_LINK_INPUT_LENGTH = 2048;

type TNameMatcher = { exact: ReadonlySet<string>; prefixes: readonly string[] };

function nameMatcher(names: readonly string[]): TNameMatcher {
  return {
    exact: new Set(names.filter((n) => !n.endsWith("*"))),
    prefixes: names.filter((n) => n.endsWith("*")).map((n) => n.slice(0, -1)),
  };
}

const GLOBAL_TRACKING = nameMatcher(TRACKING_PARAMETERS);
const HOST_TRACKING = HOST_TRACKING_PARAMETERS.map(({ hosts, parameters }) => ({ hosts, names: nameMatcher(parameters) }));

/** `youtube.com` matches itself and its subdomains; `google.*` any Google country domain. */
function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.replace(/\.$/, "");
  if (pattern.endsWith(".*")) {
    const base = pattern.slice(0, -2).replace(/\./g, "\\.");
    return new RegExp(`(?:^|\\.)${base}\\.(?:[a-z]{2,3}|(?:co|com)\\.[a-z]{2})$`).test(host);
  }
  return host === pattern || host.endsWith(`.${pattern}`);
}

/**
 * Normalises a link to an online advertisement as a reporter pastes or types it.
 *
 * Accepts `www.x.nl/ad?id=5` (adds `https://`), `//x.nl/ad` and full http(s) URLs. Anything
 * with another scheme (`javascript:`, `data:`, `file:`, `mailto:` …), no host with a dot
 * (or IP address), or that the URL parser rejects, fails. The host is lowercased (and
 * internationalised names become punycode, which defeats look-alike letters), credentials
 * and default ports are dropped, and every parameter on {@link TRACKING_PARAMETERS}, and on
 * {@link HOST_TRACKING_PARAMETERS} for the link's host, is removed from the query and from
 * a query-like `#fragment`; other parameters keep their order and their exact encoding. An
 * empty `?` or `#` is dropped.
 *
 * A redirect wrapper on {@link REDIRECT_WRAPPERS} (`l.facebook.com/l.php?u=…&h=…`,
 * `www.google.com/url?q=…`) becomes the link it wraps, normalised in turn, so the wrapper's
 * per-user token never reaches the tip. A wrapper without a usable target, or nested more
 * than three deep, fails.
 *
 * Idempotent: normalising a normalised link returns it unchanged.
 *
 * @returns `{ ok: true, url }`, or `{ ok: false }` when the input is not a usable web link.
 */
export function normaliseLink(input: string): { ok: true; url: string } | { ok: false } {
  return normaliseLinkAt(input, 0);
}

function normaliseLinkAt(input: string, depth: number): { ok: true; url: string } | { ok: false } {
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

  const wrapper = REDIRECT_WRAPPERS.find(
    (w) => w.hosts.some((h) => hostMatches(url.hostname, h)) && (w.paths === undefined || w.paths.includes(url.pathname)),
  );
  if (wrapper) {
    if (depth >= MAX_UNWRAP_DEPTH) return { ok: false };
    const params = new URLSearchParams(url.search);
    const target = wrapper.parameters.map((name) => params.get(name)).find((v) => v !== null && v.trim() !== "");
    return target == null ? { ok: false } : normaliseLinkAt(target, depth + 1);
  }

  const isTracking = trackingTest(url.hostname);
  const search = stripTrackingFromQuery(url.search.slice(1), isTracking);
  const hash = stripTrackingFromFragment(url.hash.slice(1), isTracking);
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

/** Tells whether a raw parameter name tracks, for links on `hostname`. */
function trackingTest(hostname: string): (rawName: string) => boolean {
  const matchers = [GLOBAL_TRACKING, ...HOST_TRACKING.filter((g) => g.hosts.some((h) => hostMatches(hostname, h))).map((g) => g.names)];
  return (rawName) => {
    let name = rawName.replace(/\+/g, " ");
    try {
      name = decodeURIComponent(name);
    } catch {
      // Malformed percent-encoding: compare the raw name.
    }
    name = name.trim().toLowerCase();
    return matchers.some((m) => m.exact.has(name) || m.prefixes.some((prefix) => name.startsWith(prefix)));
  };
}

/** Removes tracking and empty parameters from a raw `a=1&b=2` string, keeping the rest verbatim. */
function stripTrackingFromQuery(query: string, isTracking: (rawName: string) => boolean): string {
  if (query === "") return "";
  return query
    .split("&")
    .filter((part) => part !== "" && !isTracking(part.split("=", 1)[0] ?? ""))
    .join("&");
}

/**
 * Fragments are often used as a second query (`#utm_source=x`, or hash routes like
 * `#/ad/5?utm_source=x`). Only those query-like parts are touched; a plain `#section` or a
 * text fragment (`#:~:text=…`) keeps its meaning.
 */
function stripTrackingFromFragment(fragment: string, isTracking: (rawName: string) => boolean): string {
  if (fragment === "") return "";
  const q = fragment.indexOf("?");
  if (q >= 0) {
    const route = fragment.slice(0, q);
    const query = stripTrackingFromQuery(fragment.slice(q + 1), isTracking);
    return query === "" ? route : `${route}?${query}`;
  }
  if (fragment.startsWith(":~:")) return fragment;
  if (!fragment.includes("=")) return fragment;
  return stripTrackingFromQuery(fragment, isTracking);
}
