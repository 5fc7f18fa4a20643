// A reference for the submission benchmark (bench/submit-capacity.ts), never the app's
// way of serving: the app's own no-JavaScript send route (sendTipWithoutJavaScript in
// app/(public)/_routes/send-tip.ts, the very function /melden/verzenden calls) served by a
// plain node:http server, without Next.js, through the same cluster of TIPLINE_WORKERS
// processes as the app. It answers the question the no-JavaScript path's ratio to the
// bare form post leaves open: how far would taking that one route out of Next.js go?
// Only POST /melden/verzenden and /en/melden/verzenden are served; anything else is a 404.
// The route fetches its receipt page once per process from PORT, so PORT must be the port
// of the app's own Next.js server, running beside this one on the same database and
// secrets; this server listens on BENCH_SEND_PORT. Started by submit-capacity with the
// app's environment; prints "ready" once every worker listens.
import cluster from "node:cluster";
import http from "node:http";
import { Readable } from "node:stream";
import type { TLocale } from "@/lib/i18n/locales";

const port = Number(process.env.BENCH_SEND_PORT);
const workers = Math.max(1, Number(process.env.TIPLINE_WORKERS ?? 1));
const ROUTES: Record<string, TLocale> = { "/melden/verzenden": "nl", "/en/melden/verzenden": "en" };

if (!Number.isInteger(port) || port <= 0) {
  console.error("send-route-server: BENCH_SEND_PORT must be a port");
  process.exit(2);
}

if (cluster.isPrimary && workers > 1) {
  let listening = 0;
  for (let index = 0; index < workers; index += 1) {
    cluster.fork().on("listening", () => {
      listening += 1;
      if (listening === workers) console.log("ready");
    });
  }
  cluster.on("exit", (_worker, code, signal) => {
    if (signal !== "SIGTERM") console.error(`send-route-server: a worker ended (${signal ?? `exit code ${code}`})`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      process.exit(0);
    });
  }
} else {
  const { sendTipWithoutJavaScript } = await import("../app/(public)/_routes/send-tip");

  /** The Node request as the Web Request a Next.js route handler gets, body streamed. */
  function toRequest(req: http.IncomingMessage): Request {
    const headers = new Headers();
    for (let index = 0; index < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
    const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, lang: TLocale): Promise<void> {
    const response = await sendTipWithoutJavaScript(toRequest(req), lang);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...headers, "content-length": String(body.length) });
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    const lang = req.method === "POST" ? ROUTES[req.url ?? ""] : undefined;
    if (!lang) {
      res.writeHead(404).end();
      return;
    }
    answer(req, res, lang).catch((error: unknown) => {
      console.error(`send-route-server: ${error instanceof Error ? error.name : "unknown error"}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, "127.0.0.1", () => {
    if (workers === 1) console.log("ready");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
}
