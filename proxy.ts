import { NextResponse, type NextRequest } from "next/server";
import { guardRequest } from "@/lib/http/request-guards";

/**
 * Runs before every page: guardRequest (lib/http/request-guards.ts) gives a fresh CSP
 * nonce per request, no caching of pages, and refuses a POST that is too large, of unknown
 * length or from another site before Next reads it. The language is the route itself
 * (Dutch at the root, English under /en: app/(public)/(nl) and app/(public)/en), so nothing
 * is rewritten: a rewrite would send every request, server-action posts included, through
 * the router twice. It reads no address and no user agent and sets no cookie.
 */
export function proxy(request: NextRequest) {
  const guard = guardRequest(request.method, request.nextUrl, request.headers);
  if ("refusal" in guard) return guard.refusal;
  const requestHeaders = new Headers(request.headers);
  for (const [name, value] of guard.requestHeaders) requestHeaders.set(name, value);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of guard.responseHeaders) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but static build output and the favicon; prefetches get a policy too.
      // Nor the no-JavaScript send route, which sets its own headers and body limits
      // (app/(public)/_routes/send-tip.ts): Next's detour through the proxy cost each send
      // about a fifth of its server CPU.
      source: "/((?!_next/static|_next/image|favicon.ico|robots.txt|(?:en/)?melden/verzenden$).*)",
      // Nor a server-action call that npm start's server has already given guardRequest
      // (app/(public)/_routes/outside-next.ts; the server removes the header from whatever
      // a client sends): the detour cost each call about 2 ms of server CPU, as much as the
      // rest of the browser-sealed send.
      missing: [{ type: "header", key: "x-tipline-guarded" }],
    },
  ],
};
