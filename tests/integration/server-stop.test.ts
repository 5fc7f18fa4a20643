// How `npm start`'s server process (scripts/lib/serve.mjs) stops on SIGTERM, as a deploy
// or a process manager stops it, held from a client's side: a send still in flight at the
// signal is answered, with "Connection: close", and neither that connection nor an idle
// keep-alive one holds the stop until its 10 s deadline; a client that never finishes its
// body holds it until that deadline and no longer. SQLite only (vitest project "sqlite"):
// it is about the process, not the database.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TTestServer } from "../support/server";

// This port only: the other suites use their own.
const PORT = 3351;
let server: TTestServer | null = null;

afterAll(async () => {
  await server?.stop();
});

/** A raw connection, and everything it has received so far. */
function connect(): { socket: net.Socket; received: () => string; closed: Promise<void> } {
  const socket = net.connect(PORT, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return { socket, received: () => text, closed };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe("stopping the server", () => {
  it("answers a send in flight at SIGTERM with Connection: close, and stops in seconds with an idle keep-alive connection open", { timeout: 120_000 }, async () => {
    server = await startTestServer({ port: PORT });
    const host = `127.0.0.1:${PORT}`;
    // An idle keep-alive connection: one request answered, the socket kept open.
    const idle = connect();
    idle.socket.write(`GET /privacy HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    expect(await until(() => idle.received().includes("</html>"), 30_000)).toBe(true);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(idle.received()).not.toMatch(/\r\nConnection: close\r\n/i);
    // A send whose body is half sent when the signal comes: the route is waiting for the rest.
    const body = `--stopboundary\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreview\r\n--stopboundary--\r\n`;
    const inFlight = connect();
    inFlight.socket.write(
      `POST /melden/verzenden HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: multipart/form-data; boundary=stopboundary\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inFlight.received()).toBe("");
    const signalled = Date.now();
    const stopped = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    inFlight.socket.write(body.slice(20));
    // The route hands a post it does not send to the form action (307): answered, then closed.
    expect(await until(() => inFlight.received().includes("\r\n\r\n"), 10_000)).toBe(true);
    expect(inFlight.received()).toMatch(/^HTTP\/1\.1 307 /);
    expect(inFlight.received()).toMatch(/\r\nConnection: close\r\n/i);
    await Promise.all([stopped, inFlight.closed, idle.closed]);
    server = null;
    // Well before the 10 s deadline at which the server would cut open connections itself.
    expect(Date.now() - signalled).toBeLessThan(5_000);
  });

  it("cuts a client that never finishes its body at the 10 s deadline, and exits", { timeout: 120_000 }, async () => {
    server = await startTestServer({ port: PORT });
    const host = `127.0.0.1:${PORT}`;
    // Declares 10,000 bytes and sends 40: the route waits for the rest, which never comes.
    // Node's own request timeout (300 s) is far off, so only the stop's deadline can cut it.
    const stalled = connect();
    stalled.socket.write(
      `POST /melden/verzenden HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: multipart/form-data; boundary=stallboundary\r\nContent-Length: 10000\r\n\r\n--stallboundary\r\nContent-Disposition: form`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalled = Date.now();
    let closedAt = 0;
    void stalled.closed.then(() => (closedAt = Date.now()));
    await server.stop();
    const stoppedAfter = Date.now() - signalled;
    server = null;
    await stalled.closed;
    // Held until the deadline, not cut sooner (the request was still open and well formed)…
    expect(stoppedAfter).toBeGreaterThanOrEqual(9_500);
    // …and not much later: the deadline, not a timeout of Node's, ended it.
    expect(stoppedAfter).toBeLessThan(20_000);
    expect(closedAt - signalled).toBeGreaterThanOrEqual(9_500);
    expect(closedAt - signalled).toBeLessThan(20_000);
    // Cut, not answered: the client never sent what a send needs.
    expect(stalled.received()).toBe("");
  });
});
