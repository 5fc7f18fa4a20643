import { NextResponse, type NextRequest } from "next/server";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/body-limit";
import { contentSecurityPolicy, declaredLength, isFromThisOrigin, isNullOriginFromThisSite, newNonce, NO_STORE, refusePost, thisHost } from "@/lib/http/request-guards";
import { splitLocalePath } from "@/lib/i18n/locales";

/**
 * Runs before every page: a fresh CSP nonce per request and no caching of pages. The
 * language is the route itself (Dutch at the root, English under /en: app/(public)/(nl)
 * and app/(public)/en), so nothing is rewritten: a rewrite would send every request,
 * server-action posts included, through the router twice. It reads no address and no
 * user agent and sets no cookie.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const { pathname } = request.nextUrl;
  const csp = contentSecurityPolicy(nonce, pathname);
  if (request.method === "POST") {
    const length = declaredLength(request.headers);
    if (length !== null && length > SERVER_ACTION_BODY_LIMIT_BYTES) return refusePost(request, nonce, csp, "tooLarge");
    // Next forwards an action posted to a page that does not hold it to itself, with the
    // body streamed (chunked) and marked x-action-forwarded: that request keeps Next's own
    // limit, since refusing it would abort the forwarding mid-stream. A client that forges
    // the mark gets what every chunked body got before this check: Next's limit.
    if (length === null && request.headers.has("transfer-encoding") && !request.headers.has("x-action-forwarded")) {
      return refusePost(request, nonce, csp, "lengthRequired");
    }
    // A post from another site: Next refuses it too when it is a server action, but by
    // throwing (a bare 500); a post that is not an action has nothing to do here either.
    if (!isFromThisOrigin(request.headers)) return refusePost(request, nonce, csp, "crossSite");
  }

  const requestHeaders = new Headers(request.headers);
  // With Referrer-Policy: no-referrer a browser sends "Origin: null" on a form POST, which
  // Next's server-action CSRF check refuses: the no-JavaScript form would never submit.
  // Sec-Fetch-Site is set by the browser alone (pages cannot forge it), so a null origin
  // on a same-origin request is this origin.
  if (request.method === "POST" && isNullOriginFromThisSite(request.headers)) {
    // Next compares the origin with X-Forwarded-Host's first value (set by a reverse proxy),
    // then Host: the same host isFromThisOrigin reads.
    requestHeaders.set("origin", `${request.nextUrl.protocol}//${thisHost(request.headers) ?? request.nextUrl.host}`);
  }
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // The page's path without its language prefix, for the language switch.
  requestHeaders.set("x-tipline-path", `${splitLocalePath(pathname).path}${request.nextUrl.search}`);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

export const config = {
  matcher: [
    // Everything but static build output and the favicon; prefetches get a policy too.
    // Nor the no-JavaScript send route, which sets its own headers and body limits
    // (app/(public)/_routes/send-tip.ts): Next's detour through the proxy cost each send
    // about a fifth of its server CPU.
    "/((?!_next/static|_next/image|favicon.ico|robots.txt|(?:en/)?melden/verzenden$).*)",
  ],
};
