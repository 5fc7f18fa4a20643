import "server-only";
import type http from "node:http";
import type { TLocale } from "@/lib/i18n/locales";
import { GUARDED_HEADER, guardRequest, NO_STORE } from "@/lib/http/request-guards";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { sendTipWithoutJavaScript } from "./send-tip";

/**
 * The routes `npm start`'s server (scripts/lib/serve.mjs) answers itself, before Next.js:
 * only the no-JavaScript form's "send", POST /melden/verzenden and /en/melden/verzenden,
 * the busiest public post and the one where Next.js's own request handling cost most of
 * what the route adds to its floor (Argon2id, sealing, the insert): about 2 ms of server
 * CPU per tip, a fifth of a send, measured back to back by the benchmark reference of
 * commit 2b14a57 (the README has the figures; BENCHMARKS.md has the run since).
 * The route's function is the one app/(public)/(nl)/melden/verzenden/route.ts calls, so
 * `next dev` and any other path to the route answer the same; it never needed Next.js:
 * proxy.ts does not run for it, it reads no cookie or header through Next.js, and it sets
 * its own policy, no-store and body limits. What Next.js would add, the configured
 * security headers, is added here. Everything else, including any other method on these
 * paths and a trailing slash (Next's 308), goes to Next.js: a server-action call
 * (isActionCall) after guardActionCall has done proxy.ts's work for it, any other request
 * unchanged.
 */
const ROUTES: ReadonlyMap<string, TLocale> = new Map([
  ["/melden/verzenden", "nl"],
  ["/en/melden/verzenden", "en"],
]);

/** The language of the route served outside Next.js for this request, or null for Next.js. */
export function routeOutsideNext(method: string | undefined, url: string | undefined): TLocale | null {
  if (method !== "POST" || url === undefined) return null;
  const query = url.indexOf("?");
  return ROUTES.get(query === -1 ? url : url.slice(0, query)) ?? null;
}

/**
 * The request's body as a stream that touches the Node request only when read. A body
 * the route refuses unread (over the limit, no length, another origin) is then left to
 * Node, which discards it after the answer and keeps the connection usable, as it does
 * under `next start`; a stream made up front would hold it half-read and stall the
 * connection's next request.
 */
function lazyBody(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel() {
        req.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The request's headers as Fetch API Headers, or null when one cannot be carried over. */
function webHeaders(req: http.IncomingMessage): Headers | null {
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    try {
      headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
    } catch {
      return null;
    }
  }
  return headers;
}

/**
 * The Node request as the Web Request a Next.js route handler gets, its body streamed, or
 * null when a header cannot be carried over (a value Node took and the Fetch API refuses):
 * dropping it could drop an Origin, so the request is refused instead. The URL's host is
 * fixed: the route reads only the path, and takes the host it checks the origin against
 * from the headers, as Next.js does (isFromThisOrigin); a Host header that is no host
 * cannot make the URL throw.
 */
export function toWebRequest(req: http.IncomingMessage, pathname: string): Request | null {
  const headers = webHeaders(req);
  if (headers === null) return null;
  return new Request(`http://localhost${pathname}`, { method: "POST", headers, body: lazyBody(req), duplex: "half" } as RequestInit & { duplex: "half" });
}

/** The headers next.config.ts gives every answer Next.js writes. */
function setSecurityHeaders(res: http.ServerResponse): void {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
}

/** Writes a route's Response, with the security headers Next.js would have added. */
export async function writeWebResponse(res: http.ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  setSecurityHeaders(res);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader("Content-Length", String(body.length));
  res.writeHead(response.status);
  res.end(body);
}

/**
 * A bare answer of this server's own (400, 500), with the security headers and no-store,
 * and no header a failed handler had set before it (a length, an encoding, a cookie).
 */
function plainAnswer(res: http.ServerResponse, status: number, text: string): void {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  setSecurityHeaders(res);
  res.setHeader("Cache-Control", NO_STORE);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Content-Length", String(Buffer.byteLength(text)));
  res.statusCode = status;
  res.end(text);
}

/** The send route's answer to this request, written; a request it cannot be given is a 400. */
async function answerOutsideNext(req: http.IncomingMessage, res: http.ServerResponse, lang: TLocale): Promise<void> {
  const request = toWebRequest(req, (req.url ?? "").split("?")[0]!);
  if (request === null) {
    plainAnswer(res, 400, "Bad Request: a header of this request could not be read. Nothing was stored.");
    return;
  }
  await writeWebResponse(res, await sendTipWithoutJavaScript(request, lang));
}

type TNextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** A server-action call made by JavaScript (fetch with a Next-Action header). */
function isActionCall(req: Pick<http.IncomingMessage, "method" | "headers">): boolean {
  return req.method === "POST" && req.headers["next-action"] !== undefined;
}

/**
 * A server-action call, given here what proxy.ts would give it (guardRequest), in plain
 * Node: refused when proxy.ts would refuse it, otherwise handed to Next.js with the
 * headers proxy.ts would set and GUARDED_HEADER, by which proxy.ts's matcher skips it.
 * Next.js's detour through its proxy copies the body and builds the request twice:
 * about 2 ms of server CPU per call (measured with the browser-sealed send, whose own
 * work is about as much), the same checks here cost a few microseconds.
 */
async function guardActionCall(req: http.IncomingMessage, res: http.ServerResponse, nextHandler: TNextHandler): Promise<void> {
  const headers = webHeaders(req);
  if (headers === null) {
    plainAnswer(res, 400, "Bad Request: a header of this request could not be read. Nothing was stored.");
    return;
  }
  // The path and query as Next.js reads them; the host is taken from the headers, as
  // proxy.ts's is (the URL's own host is used only when the request names none).
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    plainAnswer(res, 400, "Bad Request: the request's target could not be read. Nothing was stored.");
    return;
  }
  const guard = guardRequest("POST", url, headers);
  if ("refusal" in guard) {
    await writeWebResponse(res, guard.refusal);
    return;
  }
  for (const [name, value] of guard.requestHeaders) req.headers[name] = value;
  req.headers[GUARDED_HEADER] = "1";
  for (const [name, value] of guard.responseHeaders) res.setHeader(name, value);
  await nextHandler(req, res);
}

/**
 * Closes the connection after an answer that goes out while its request's body has been
 * read only in part. A handler that stops reading (Next.js's action handler past its body
 * limit, a multipart parser at an error) leaves the rest in the socket, and Node discards
 * an unread rest only when nothing has read any of it: the connection's next request would
 * wait behind it until the client gives up. Next.js's proxy used to read every action
 * call's body whole before the handler; since guardActionCall the handler reads it.
 */
function closeAfterAbandonedBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    if (!req.complete && req.readableDidRead && !this.headersSent) this.setHeader("Connection", "close");
    return (writeHead as (...args: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/**
 * The server's request listener: a route served outside Next.js when the request is one,
 * Next.js's handler otherwise. A failure that escapes either, thrown or rejected, gets a
 * bare 500 with the security headers and no-store, and one log line without the request
 * (no address, agent, path or time), never a stack to the client.
 */
export function requestListener(nextHandler: TNextHandler): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    // Only this server may say a request has been guarded.
    delete req.headers[GUARDED_HEADER];
    closeAfterAbandonedBody(req, res);
    const lang = routeOutsideNext(req.method, req.url);
    Promise.resolve()
      .then(() => (lang !== null ? answerOutsideNext(req, res, lang) : isActionCall(req) ? guardActionCall(req, res, nextHandler) : nextHandler(req, res)))
      .catch((error: unknown) => {
        console.error(`[serve] request failed: ${error instanceof Error ? error.name : "unknown error"}`);
        try {
          if (!res.headersSent) plainAnswer(res, 500, "Internal Server Error");
          else res.destroy();
        } catch {
          res.destroy();
        }
      });
  };
}
