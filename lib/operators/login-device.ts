import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getServerKey } from "@/lib/server-keys";

/**
 * A browser an operator has logged in from before: the defence against the login lock
 * being used to keep an operator out (OWASP's "device cookies"). Failed logins are counted
 * per name, and past the threshold the name is locked for the window; anyone who knows an
 * operator's name can do that on purpose. A browser that carries a device token, issued by
 * this server to this operator at a successful login, is counted on its own instead: a
 * stranger's failures cannot lock it, and its own failures are counted over the token's
 * whole lifetime: once it has used up a lock's worth it is trusted no more
 * (lib/rate-limit/login-attempts.ts).
 *
 * The token is not a credential: it lets nobody in, it only chooses which counter a
 * login attempt is held to. It is `<id>.<day>.<mac>`: 16 random bytes, the day it was
 * issued (days since 1970) and an HMAC under a server key over the operator's id, a hash
 * of the operator's current credentials (auth verifier and sealed second factor), the
 * random id and the day. So it can be neither forged nor moved to another operator, it
 * stops counting after DEVICE_LIFETIME_DAYS, and every token of an operator dies when an
 * admin resets the second factor (or the auth verifier ever changes). The server stores
 * nothing of it but a counter of its failures under a keyed hash of its id.
 *
 * One browser keeps the tokens of up to DEVICE_TOKENS_PER_BROWSER operators in its one
 * cookie (a desk computer several operators share), newest first, separated by "~".
 */
export const DEVICE_COOKIE = "tipline_device";
export const DEVICE_LIFETIME_DAYS = 90;
export const DEVICE_TOKENS_PER_BROWSER = 6;
// How many cookies of DEVICE_COOKIE's name a request may carry that are looked at (each
// token costs an HMAC). A login posts to /operator, which carries this site's own cookie
// (host-only, Path=/operator) and at most two a sibling subdomain could set for the parent
// domain (Path=/ and Path=/operator): a planted cookie cannot crowd this site's out.
const MAX_DEVICE_COOKIES = 4;
const SEPARATOR = "~";

/** The device cookies of one request: each cookie of DEVICE_COOKIE's name, as its tokens. */
export type TDeviceCookies = readonly (readonly string[])[];

/** What of the operator a token is bound to. */
export type TDeviceOperator = { id: string; authVerifier: Uint8Array; totpSecretSealed: Uint8Array | null };
export type TTrustedDevice = { id: string; expiresAt: Date };

const DAY_MS = 24 * 60 * 60 * 1000;
// One spelling per token: a day without leading zeros, and the MAC compared as the exact
// text this server writes (base64url's last character has spare bits that decode alike).
const TOKEN = /^([A-Za-z0-9_-]{22})\.(0|[1-9]\d{0,5})\.([A-Za-z0-9_-]{43})$/;

function mac(operator: TDeviceOperator, deviceId: string, day: number): string {
  const credentials = createHash("sha256")
    .update(operator.authVerifier)
    .update(operator.totpSecretSealed === null ? "\u0000none" : "\u0001")
    .update(operator.totpSecretSealed ?? new Uint8Array(0))
    .digest("base64url");
  return createHmac("sha256", getServerKey("login-device")).update(`${operator.id}\u0000${credentials}\u0000${deviceId}\u0000${day}`).digest("base64url");
}

/** A new device token for the operator, valid for DEVICE_LIFETIME_DAYS from `now`'s day. */
export function issueDeviceToken(operator: TDeviceOperator, now: Date = new Date()): string {
  const deviceId = randomBytes(16).toString("base64url");
  const day = Math.floor(now.getTime() / DAY_MS);
  return `${deviceId}.${day}.${mac(operator, deviceId, day)}`;
}

/**
 * The device (its id, and when its token stops counting) when `token` is one this server
 * issued to this operator under the credentials it has now and it has not expired; null
 * for anything else (missing, malformed, altered, another operator's, from before the
 * operator's credentials changed, as a second-factor reset changes them, from the future,
 * too old).
 */
export function trustedDevice(token: unknown, operator: TDeviceOperator, now: Date = new Date()): TTrustedDevice | null {
  if (typeof token !== "string") return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, deviceId, dayText, given] = match as unknown as [string, string, string, string];
  const day = Number(dayText);
  const today = Math.floor(now.getTime() / DAY_MS);
  if (day > today || today - day >= DEVICE_LIFETIME_DAYS) return null;
  const expected = Buffer.from(mac(operator, deviceId, day), "utf8");
  const presented = Buffer.from(given, "utf8");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  return { id: deviceId, expiresAt: new Date((day + DEVICE_LIFETIME_DAYS) * DAY_MS) };
}

/**
 * The device cookies a request's Cookie header carries, read from the header itself: every
 * cookie of DEVICE_COOKIE's name, in order, each as its well-formed tokens (at most
 * DEVICE_TOKENS_PER_BROWSER of each), at most MAX_DEVICE_COOKIES cookies. Next's cookie
 * parser keeps one value of two same-named cookies, so a cookie of the same name set for a
 * parent domain (by a sibling subdomain) could otherwise shadow this site's and put the
 * browser back under the name's count; and a limit on tokens rather than on cookies would
 * let one planted cookie full of tokens crowd this site's out.
 */
export function deviceCookiesOfHeader(header: string | null | undefined): string[][] {
  const cookies: string[][] = [];
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== DEVICE_COOKIE) continue;
    const tokens: string[] = [];
    for (const token of pair.slice(at + 1).trim().replace(/%7e/gi, SEPARATOR).split(SEPARATOR)) {
      if (TOKEN.test(token) && !tokens.includes(token)) tokens.push(token);
      if (tokens.length === DEVICE_TOKENS_PER_BROWSER) break;
    }
    cookies.push(tokens);
    if (cookies.length === MAX_DEVICE_COOKIES) break;
  }
  return cookies;
}

/**
 * Every device among the cookies' tokens that trustedDevice accepts for this operator, in
 * order, and which cookie held the first (null when none did).
 */
export function trustedDevices(cookies: TDeviceCookies, operator: TDeviceOperator, now: Date = new Date()): { devices: TTrustedDevice[]; cookie: number | null } {
  const devices: TTrustedDevice[] = [];
  let cookie: number | null = null;
  cookies.forEach((tokens, index) => {
    for (const token of tokens) {
      const device = trustedDevice(token, operator, now);
      if (!device) continue;
      devices.push(device);
      cookie ??= index;
    }
  });
  return { devices, cookie };
}

/**
 * The device cookie's value after a login that issued `issued`: that token first, then the
 * other tokens of the browser's own cookie that are still within their lifetime, less
 * every one that belongs to this operator as it was or is now (`operator`: before and
 * after an enrolment), at most DEVICE_TOKENS_PER_BROWSER in all: the least recently used
 * drop out. The browser's own cookie is the one that held this operator's token (`from`);
 * when none did, the only one there is; when there are several (one was planted for a
 * parent domain) and none held it, none is carried over, so that planted tokens never
 * move into this site's cookie and push colleagues' out.
 */
export function deviceCookieValue(issued: string, cookies: TDeviceCookies, from: number | null, operator: readonly TDeviceOperator[], now: Date = new Date()): string {
  const today = Math.floor(now.getTime() / DAY_MS);
  const own = from !== null ? (cookies[from] ?? []) : cookies.length === 1 ? cookies[0]! : [];
  const others = own.filter((token) => {
    const day = Number(TOKEN.exec(token)?.[2] ?? Number.NaN);
    if (!(day <= today && today - day < DEVICE_LIFETIME_DAYS)) return false;
    return token !== issued && operator.every((state) => trustedDevice(token, state, now) === null);
  });
  return [issued, ...others].slice(0, DEVICE_TOKENS_PER_BROWSER).join(SEPARATOR);
}
