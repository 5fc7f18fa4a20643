// What every response of the site's own making needs, whether proxy.ts makes it, npm
// start's server (for a server-action call, app/(public)/_routes/outside-next.ts) or a
// route that proxy.ts does not run for (the no-JavaScript send route,
// app/(public)/_routes/send-tip.ts): a fresh nonce and the CSP, and the refusal of a POST
// that must not be read (too large, of unknown length, or from another site).
import { SERVER_ACTION_BODY_LIMIT_BYTES, SERVER_ACTION_BODY_LIMIT_KIB } from "@/lib/body-limit";
import { localePath, splitLocalePath } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { createTranslator } from "@/lib/i18n/translate";

/** What every answer that must not be kept by a browser or a proxy carries. */
export const NO_STORE = "no-store, max-age=0";

/** 16 random bytes in base64: a CSP nonce for one response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

// Routes whose pages run libsodium (WebAssembly) in the browser.
const WASM_ROUTES = [/^\/(en\/)?melden(\/|$)/, /^\/(en\/)?status(\/|$)/, /^\/operator(\/|$)/];

/** The reporter's and operators' zones' Content-Security-Policy for one response. */
export function contentSecurityPolicy(nonce: string, pathname: string): string {
  const wasm = WASM_ROUTES.some((route) => route.test(pathname)) ? " 'wasm-unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${wasm}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join("; ");
}

/** Why proxy.ts or the send route refuses a POST before anything reads its body. */
export type TRefusal = "tooLarge" | "lengthRequired" | "crossSite";

const REFUSAL_STATUS: Record<TRefusal, number> = { tooLarge: 413, lengthRequired: 411, crossSite: 403 };
const REFUSAL_TEXT: Record<TRefusal, string> = {
  tooLarge: `Request body too large: the limit is ${SERVER_ACTION_BODY_LIMIT_KIB} KiB. Nothing was stored.`,
  lengthRequired: "Length required: send the body with a Content-Length header. Nothing was stored.",
  crossSite: "Forbidden: this request did not come from this site's own pages. Nothing was stored.",
};
const REFUSAL_TEST_ID: Record<TRefusal, string> = { tooLarge: "too-large", lengthRequired: "length-required", crossSite: "cross-site" };

/**
 * The answer to a POST that must not reach Next: one that declares a length over the
 * server-action limit (413); one that declares no length at all (411: a chunked body,
 * whose size is known only once it has been read); one from another site (403, see
 * isFromThisOrigin). Next itself would refuse the first, a chunked body over the limit
 * and a server action posted from another origin, but only as a bare 500 "Internal Server
 * Error" (its action handler has the 413 as a TODO, and throws on a foreign origin),
 * which tells a reporter without JavaScript nothing. Browsers always declare the length
 * of a form or fetch body, and so does a reverse proxy that buffers request bodies
 * (nginx's default): the 411 costs no real reporter anything. A no-JavaScript form post
 * gets a page in the path's language saying what happened (nothing was stored) and what
 * to do; a JavaScript action call, whose client cannot show a page, a short plain-text
 * answer.
 */
export function refusePost(request: { headers: Headers; url: string }, nonce: string, csp: string, reason: TRefusal): Response {
  const status = REFUSAL_STATUS[reason];
  const headers = { "Content-Security-Policy": csp, "Cache-Control": NO_STORE };
  if (request.headers.has("next-action")) {
    return new Response(REFUSAL_TEXT[reason], { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  const lang = splitLocalePath(new URL(request.url).pathname).locale;
  const t = createTranslator(getMessages(lang).site);
  const html = messagePage({
    lang,
    nonce,
    title: t(`${reason}.title`),
    alert: t(`${reason}.body`, { limit: SERVER_ACTION_BODY_LIMIT_KIB }),
    testId: REFUSAL_TEST_ID[reason],
    advice: t(`${reason}.action`),
    link: { href: localePath(lang, "/"), label: t("tooLarge.home") },
  });
  return new Response(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * A one-message page for an answer that is not one of the site's pages (a refused post):
 * its language, what happened, what to do and the way back, styled by one inline style
 * under the response's nonce. The texts are the site's own messages, never the request's.
 */
export function messagePage(page: { lang: string; nonce: string; title: string; alert: string; testId: string; advice?: string; link: { href: string; label: string } }): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${page.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">`,
    `<title>${page.title}</title>`,
    `<style nonce="${page.nonce}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>`,
    `<body><main><h1>${page.title}</h1>`,
    `<p role="alert" data-testid="${page.testId}">${page.alert}</p>`,
    page.advice ? `<p>${page.advice}</p>` : "",
    `<p><a href="${page.link.href}">${page.link.label}</a></p></main></body></html>`,
  ].join("");
}

/**
 * "Origin: null" that stands for this origin: with Referrer-Policy: no-referrer a browser
 * sends it on a form POST, and only where the browser itself marks the request
 * same-origin (Sec-Fetch-Site, which pages cannot forge) does it count as this origin.
 */
export function isNullOriginFromThisSite(headers: Headers): boolean {
  return headers.get("origin") === "null" && headers.get("sec-fetch-site") === "same-origin";
}

/**
 * Next's own CSRF rule for server actions (app-render/action-handler.js in next 16.4,
 * without `serverActions.allowedOrigins`, which this app does not set), applied before
 * Next: a post that names an origin must name this host, X-Forwarded-Host's first value
 * (as a reverse proxy sets it) or else Host; one that names none is let through, as Next
 * lets it through (a browser always sends one with a POST; a hand-made request carries
 * no reporter's anything). "Origin: null" counts only as isNullOriginFromThisSite says,
 * and proxy.ts then writes this origin into it for Next. An origin that is not a URL is
 * foreign (Next throws on it).
 */
export function isFromThisOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  if (origin === "null") return isNullOriginFromThisSite(headers);
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = thisHost(headers);
  return host !== null && originHost === host;
}

/**
 * The host a post's origin must name, as Next reads it for server actions: the first value
 * of X-Forwarded-Host (set by a reverse proxy) when it has one, else Host; null when
 * neither names any.
 */
export function thisHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || null;
}

/** The body length a request declares, or null when it declares none (or nonsense). */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  return value !== null && /^\d{1,15}$/.test(value.trim()) ? Number(value) : null;
}

/**
 * The request header by which npm start's server (app/(public)/_routes/outside-next.ts)
 * tells Next.js it has already applied guardRequest to a server-action call: proxy.ts's
 * matcher skips a request that carries it. The server removes it from every request it
 * is sent, so no client can set it; under `next dev` nothing sets it and proxy.ts runs.
 */
export const GUARDED_HEADER = "x-tipline-guarded";

/** What guardRequest decides: a refusal to send instead, or the headers to add. */
export type TGuard =
  | { refusal: Response }
  | {
      /** Request headers for Next.js to see, replacing any the client sent under these names. */
      requestHeaders: [string, string][];
      /** Headers for the answer. */
      responseHeaders: [string, string][];
    };

/**
 * What every request gets before Next.js, whoever applies it (proxy.ts, or npm start's
 * server for a server-action call): a fresh nonce and the CSP, no caching, the page's
 * path without its language prefix (x-tipline-path, for the language switch), and for a
 * POST the refusals of refusePost and the reading of a same-site "Origin: null" as this
 * origin. It reads no address and no user agent and sets no cookie.
 */
export function guardRequest(method: string, url: { pathname: string; search: string; protocol: string; host: string; href: string }, headers: Headers): TGuard {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, url.pathname);
  const requestHeaders: [string, string][] = [];
  if (method === "POST") {
    const request = { headers, url: url.href };
    const length = declaredLength(headers);
    if (length !== null && length > SERVER_ACTION_BODY_LIMIT_BYTES) return { refusal: refusePost(request, nonce, csp, "tooLarge") };
    // Next forwards an action posted to a page that does not hold it to itself, with the
    // body streamed (chunked) and marked x-action-forwarded: that request keeps Next's own
    // limit, since refusing it would abort the forwarding mid-stream. A client that forges
    // the mark gets what every chunked body got before this check: Next's limit.
    if (length === null && headers.has("transfer-encoding") && !headers.has("x-action-forwarded")) {
      return { refusal: refusePost(request, nonce, csp, "lengthRequired") };
    }
    // A post from another site: Next refuses it too when it is a server action, but by
    // throwing (a bare 500); a post that is not an action has nothing to do here either.
    if (!isFromThisOrigin(headers)) return { refusal: refusePost(request, nonce, csp, "crossSite") };
    // With Referrer-Policy: no-referrer a browser sends "Origin: null" on a form POST (and on
    // a fetch), which Next's server-action CSRF check refuses: no action would run.
    // Sec-Fetch-Site is set by the browser alone (pages cannot forge it), so a null origin
    // on a same-origin request is this origin. Next compares the origin's host with
    // X-Forwarded-Host's first value (set by a reverse proxy), then Host: the same host
    // isFromThisOrigin reads.
    if (isNullOriginFromThisSite(headers)) requestHeaders.push(["origin", `${url.protocol}//${thisHost(headers) ?? url.host}`]);
  }
  requestHeaders.push(["x-nonce", nonce], ["content-security-policy", csp], ["x-tipline-path", `${splitLocalePath(url.pathname).path}${url.search}`]);
  return { requestHeaders, responseHeaders: [["Content-Security-Policy", csp], ["Cache-Control", NO_STORE]] };
}
