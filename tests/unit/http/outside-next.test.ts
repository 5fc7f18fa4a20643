// The server's own request listener (app/(public)/_routes/outside-next.ts), which answers
// the no-JavaScript send before Next.js, held in process behind a real node:http server
// with a stand-in for Next.js's handler: which requests it takes and which it leaves, that
// its answers carry what Next.js would have added, that a body it refuses unread cannot
// stall the connection, and that a failure shows no stack. The route's own behaviour on a
// real server is tests/integration/send-without-javascript.test.ts's.
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestListener, routeOutsideNext, toWebRequest } from "@/app/(public)/_routes/outside-next";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/body-limit";
import { GUARDED_HEADER } from "@/lib/http/request-guards";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { config as proxyConfig } from "@/proxy";

let nextCalls: string[] = [];
let nextSaw: http.IncomingHttpHeaders[] = [];
let nextFails: "no" | "rejects" | "throws" = "no";
let nextReadsPart = false;
const server = http.createServer(
  requestListener((req, res) => {
    nextCalls.push(`${req.method} ${req.url}`);
    nextSaw.push({ ...req.headers });
    if (nextReadsPart) {
      // Reads one piece of the body and answers, as Next.js's action handler does past its
      // body limit: the rest is left in the socket.
      return new Promise<void>((resolve) => {
        req.once("data", () => {
          req.pause();
          res.writeHead(500, { "content-type": "text/plain" }).end("stopped reading");
          resolve();
        });
      });
    }
    if (nextFails === "throws") throw new Error("at /secret/path.ts:12 a stack the client must not see");
    return (async () => {
      if (nextFails === "rejects") {
        // What a handler may have set before it failed must not go out with the 500.
        res.setHeader("Content-Length", "999");
        res.setHeader("Set-Cookie", "leak=1");
        throw new Error("at /secret/path.ts:12 a stack the client must not see");
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("next");
    })();
  }),
);
let origin = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  nextReadsPart = false;
  nextCalls = [];
  nextSaw = [];
  nextFails = "no";
});

/** Raw HTTP/1.1 requests down one connection, answers read back in order. */
async function onOneConnection(requests: string[]): Promise<string> {
  const socket = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  for (const request of requests) socket.write(request);
  const deadline = Date.now() + 5_000;
  while ((received.match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0) < requests.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  return received;
}

describe("routeOutsideNext", () => {
  it("takes only a POST to the send route's two exact paths (a query is ignored)", () => {
    expect(routeOutsideNext("POST", "/melden/verzenden")).toBe("nl");
    expect(routeOutsideNext("POST", "/en/melden/verzenden")).toBe("en");
    expect(routeOutsideNext("POST", "/melden/verzenden?utm_source=x")).toBe("nl");
  });

  it("leaves to Next.js every other method, a look-alike path, a trailing slash, another case or an encoded path", () => {
    for (const method of ["GET", "HEAD", "PUT", "OPTIONS", "post", undefined]) expect(routeOutsideNext(method, "/melden/verzenden"), String(method)).toBeNull();
    for (const url of ["/melden/verzenden/", "/melden/verzendenx", "/melden/verzenden/x", "/EN/melden/verzenden", "//melden/verzenden", "/%6Delden/verzenden", "/nl/melden/verzenden", "/melden", "/", "melden/verzenden", "", undefined]) {
      expect(routeOutsideNext("POST", url), String(url)).toBeNull();
    }
  });
});

describe("requestListener", () => {
  it("answers a post to the send route itself, with the route's policy and the headers Next.js adds, and never calls Next.js", async () => {
    // Another site's origin: the route's own cross-site refusal, with no database behind it.
    const response = await fetch(`${origin}/melden/verzenden`, { method: "POST", body: "intent=send", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" } });
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toContain('data-testid="send-refused"');
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    for (const { key, value } of SECURITY_HEADERS) expect(response.headers.get(key), key).toBe(value);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect(nextCalls).toEqual([]);
  });

  it("hands everything else to Next.js as it came, the send route's GET included", async () => {
    for (const [method, pathname] of [["GET", "/melden/verzenden"], ["POST", "/melden"], ["POST", "/melden/verzenden/"], ["GET", "/"]] as const) {
      const response = await fetch(`${origin}${pathname}`, { method, redirect: "manual", ...(method === "POST" ? { body: "x" } : {}) });
      expect(await response.text(), `${method} ${pathname}`).toBe("next");
    }
    expect(nextCalls).toEqual(["GET /melden/verzenden", "POST /melden", "POST /melden/verzenden/", "GET /"]);
  });

  it("keeps the connection usable after a body it refused unread: the next request on it is answered", async () => {
    // Declares one byte over the limit and sends it all; the route answers 413 without reading it.
    const oversized = "P".repeat(SERVER_ACTION_BODY_LIMIT_BYTES + 1);
    const received = await onOneConnection([
      `POST /melden/verzenden HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${oversized.length}\r\n\r\n${oversized}`,
      "GET /after HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    ]);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n4\r\nnext\r\n0\r\n\r\n$/);
    expect(nextCalls).toEqual(["GET /after"]);
  });

  it("reads a post whose Host is no host, and answers it (the route takes the host it checks from the headers)", async () => {
    const received = await onOneConnection(["POST /melden/verzenden HTTP/1.1\r\nHost: a b\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx"]);
    expect(received).toMatch(/^HTTP\/1\.1 (400|403) /);
    expect(nextCalls).toEqual([]);
  });

  it("answers a failure that escapes, rejected or thrown, with a bare 500, the security headers, no-store and no stack", async () => {
    for (const failure of ["rejects", "throws"] as const) {
      nextFails = failure;
      const response = await fetch(`${origin}/melden`);
      const body = await response.text();
      expect(response.status, failure).toBe(500);
      expect(body, failure).toBe("Internal Server Error");
      expect(body).not.toContain("secret");
      expect(response.headers.get("cache-control"), failure).toContain("no-store");
      expect(response.headers.get("set-cookie"), failure).toBeNull();
      expect(response.headers.get("content-length"), failure).toBe(String(body.length));
      for (const { key, value } of SECURITY_HEADERS) expect(response.headers.get(key), `${failure} ${key}`).toBe(value);
    }
  });
});

describe("toWebRequest", () => {
  const incoming = (rawHeaders: string[]) => ({ rawHeaders, url: "/melden/verzenden" }) as unknown as http.IncomingMessage;

  it("carries every header over, repeated ones included", () => {
    const request = toWebRequest(incoming(["Origin", "http://127.0.0.1:3000", "Host", "127.0.0.1:3000", "X-Forwarded-Host", "a", "x-forwarded-host", "b"]), "/melden/verzenden");
    expect(request?.headers.get("origin")).toBe("http://127.0.0.1:3000");
    expect(request?.headers.get("x-forwarded-host")).toBe("a, b");
    expect(new URL(request!.url).pathname).toBe("/melden/verzenden");
  });

  it("refuses a request with a header it cannot carry, rather than drop it (it could be the Origin)", () => {
    expect(toWebRequest(incoming(["Origin", "https://evil.example\u0000", "Host", "127.0.0.1"]), "/melden/verzenden")).toBeNull();
    expect(toWebRequest(incoming(["Host", "127.0.0.1", "Bad Name", "x"]), "/melden/verzenden")).toBeNull();
  });
});

/** A raw request and its answer's status line and headers (lower-cased names). */
async function rawAnswer(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const received = await onOneConnection([request]);
  const [head = "", body = ""] = received.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

describe("a server-action call (POST with Next-Action), guarded here instead of by proxy.ts", () => {
  const host = () => origin.replace("http://", "");
  const call = (extra: string, body = '["x"]') =>
    `POST /melden HTTP/1.1\r\nHost: ${host()}\r\nNext-Action: 7f00aa\r\nContent-Type: text/plain;charset=UTF-8\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

  it("is what proxy.ts's matcher skips, by the header only this server sets", () => {
    expect(proxyConfig.matcher).toHaveLength(1);
    expect(proxyConfig.matcher[0]!.missing).toEqual([{ type: "header", key: GUARDED_HEADER }]);
  });

  it("reaches Next.js marked as guarded, with a fresh nonce, its policy, the page's path and no-store, replacing what the client sent under those names", async () => {
    const answer = await rawAnswer(call(`Origin: ${origin}\r\nX-Nonce: chosen-by-attacker\r\nContent-Security-Policy: script-src *\r\nX-Tipline-Path: /evil\r\n`));
    expect(answer.status).toBe(200);
    expect(nextCalls).toEqual(["POST /melden"]);
    const seen = nextSaw[0]!;
    expect(seen[GUARDED_HEADER]).toBe("1");
    expect(seen["x-nonce"]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(seen["content-security-policy"]).toContain(`'nonce-${seen["x-nonce"] as string}'`);
    expect(seen["x-tipline-path"]).toBe("/melden");
    expect(seen.origin).toBe(origin);
    expect(answer.headers["content-security-policy"]).toBe(seen["content-security-policy"]);
    expect(answer.headers["cache-control"]).toBe("no-store, max-age=0");
  });

  it("refuses, without calling Next.js, a call from another site (403), one over the body limit (413) and one of no declared length (411), as proxy.ts would", async () => {
    const foreign = await rawAnswer(call("Origin: https://evil.example\r\n"));
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain("did not come from this site");
    const nullOrigin = await rawAnswer(call("Origin: null\r\nSec-Fetch-Site: cross-site\r\n"));
    expect(nullOrigin.status).toBe(403);
    const oversized = await rawAnswer(
      `POST /melden HTTP/1.1\r\nHost: ${host()}\r\nNext-Action: 7f00aa\r\nOrigin: ${origin}\r\nContent-Length: ${SERVER_ACTION_BODY_LIMIT_BYTES + 1}\r\nConnection: close\r\n\r\n`,
    );
    expect(oversized.status).toBe(413);
    const chunked = await rawAnswer(`POST /melden HTTP/1.1\r\nHost: ${host()}\r\nNext-Action: 7f00aa\r\nOrigin: ${origin}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n`);
    expect(chunked.status).toBe(411);
    for (const answer of [foreign, nullOrigin, oversized, chunked]) {
      expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(answer.headers["cache-control"]).toBe("no-store, max-age=0");
      for (const { key, value } of SECURITY_HEADERS) expect(answer.headers[key.toLowerCase()]).toBe(value);
    }
    expect(nextCalls).toEqual([]);
  });

  it("lets Next.js's own forwarded call (chunked, x-action-forwarded) through, and reads a same-site Origin: null as this origin", async () => {
    const forwarded = await rawAnswer(
      `POST /melden HTTP/1.1\r\nHost: ${host()}\r\nNext-Action: 7f00aa\r\nOrigin: ${origin}\r\nX-Action-Forwarded: 1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    );
    expect(forwarded.status).toBe(200);
    const sameSite = await rawAnswer(call("Origin: null\r\nSec-Fetch-Site: same-origin\r\n"));
    expect(sameSite.status).toBe(200);
    expect(nextSaw.map((headers) => headers.origin)).toEqual([origin, origin]);
  });

  it("never lets a client mark a request as guarded: the header is gone from whatever else reaches Next.js, which then runs proxy.ts", async () => {
    const requests = [
      `GET /melden HTTP/1.1\r\nHost: ${host()}\r\n${GUARDED_HEADER}: 1\r\nConnection: close\r\n\r\n`,
      `POST /melden HTTP/1.1\r\nHost: ${host()}\r\nOrigin: https://evil.example\r\nX-Tipline-Guarded: 1\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx`,
      `POST /melden HTTP/1.1\r\nHost: ${host()}\r\nX-TIPLINE-GUARDED: 1\r\nX-Tipline-Guarded: yes\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx`,
    ];
    for (const request of requests) expect((await rawAnswer(request)).status).toBe(200);
    expect(nextCalls).toEqual(["GET /melden", "POST /melden", "POST /melden"]);
    for (const seen of nextSaw) {
      expect(seen[GUARDED_HEADER]).toBeUndefined();
      // Left for proxy.ts: nothing of the guard's was added.
      expect(seen["x-nonce"]).toBeUndefined();
    }
  });
});

describe("a body its handler stopped reading", () => {
  it("closes the connection after the answer, so that the connection's next request cannot wait behind the unread rest", async () => {
    nextReadsPart = true;
    const socket = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    const ended = new Promise<void>((resolve) => socket.once("end", () => resolve()));
    const host = origin.replace("http://", "");
    // Declares 1 MiB and sends 256 KiB of it: the handler reads one piece and answers.
    socket.write(`POST /melden HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nContent-Type: text/plain\r\nContent-Length: ${1024 * 1024}\r\n\r\n`);
    socket.write("x".repeat(256 * 1024));
    const closed = await Promise.race([ended.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000))]);
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 500 /);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
    expect(closed).toBe(true);
  });
});
