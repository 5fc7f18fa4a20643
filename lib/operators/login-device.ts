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
 * login attempt is held to. It is `<id>.<day>.<mac>`: the id is 8 random bytes and an
 * 8-byte tag under a server key over them and the day, the day it was issued (days since
 * 1970), and the mac an HMAC under the same key over the operator's id, a hash of the
 * operator's current credentials (auth verifier and sealed second factor), the id and the
 * day. So it can be neither forged nor moved to another operator, it stops counting after
 * DEVICE_LIFETIME_DAYS, and every token of an operator dies when an admin resets the
 * second factor (or the auth verifier ever changes). The tag tells, without knowing whose
 * it is, that this server issued it (issuedHere): what another site plants in the cookie
 * is not even looked at. The server stores nothing of a token but a counter of its
 * failures under a keyed hash of its id.
 *
 * One browser keeps the tokens of up to DEVICE_TOKENS_PER_BROWSER operators in its one
 * cookie (a desk computer several operators share), newest first, separated by "~".
 */
export const DEVICE_COOKIE = "tipline_device";
export const DEVICE_LIFETIME_DAYS = 90;
export const DEVICE_TOKENS_PER_BROWSER = 6;
const SEPARATOR = "~";

/** What of the operator a token is bound to. */
export type TDeviceOperator = { id: string; authVerifier: Uint8Array; totpSecretSealed: Uint8Array | null };
export type TTrustedDevice = { id: string; expiresAt: Date };

const DAY_MS = 24 * 60 * 60 * 1000;
// One spelling per token: a day without leading zeros, and the MAC compared as the exact
// text this server writes (base64url's last character has spare bits that decode alike).
const TOKEN = /^([A-Za-z0-9_-]{22})\.(0|[1-9]\d{0,5})\.([A-Za-z0-9_-]{43})$/;

function mac(operator: TDeviceOperator, id: string, day: number): string {
  const credentials = createHash("sha256")
    .update(operator.authVerifier)
    .update(operator.totpSecretSealed === null ? "\u0000none" : "\u0001")
    .update(operator.totpSecretSealed ?? new Uint8Array(0))
    .digest("base64url");
  return createHmac("sha256", getServerKey("login-device")).update(`${operator.id}\u0000${credentials}\u0000${id}\u0000${day}`).digest("base64url");
}

/** A device id: the 8 random bytes and their 8-byte tag for `day`, in base64url. */
function deviceId(random: Uint8Array, day: number): string {
  const tag = createHmac("sha256", getServerKey("login-device")).update("\u0001issued\u0000").update(random).update(`\u0000${day}`).digest().subarray(0, 8);
  return Buffer.concat([random, tag]).toString("base64url");
}

/** A new device token for the operator, valid for DEVICE_LIFETIME_DAYS from `now`'s day. */
export function issueDeviceToken(operator: TDeviceOperator, now: Date = new Date()): string {
  const day = Math.floor(now.getTime() / DAY_MS);
  const id = deviceId(randomBytes(8), day);
  return `${id}.${day}.${mac(operator, id, day)}`;
}

/**
 * Whether `token` is one this server issued (whoever to) and is within its lifetime: its
 * id carries the tag for its day, spelled exactly as this server spells it. Says nothing
 * of whose it is, nor whether it still counts (trustedDevice says that).
 */
export function issuedHere(token: string, now: Date = new Date()): boolean {
  const match = TOKEN.exec(token);
  if (!match) return false;
  const [, id, dayText] = match as unknown as [string, string, string];
  const day = Number(dayText);
  const today = Math.floor(now.getTime() / DAY_MS);
  if (day > today || today - day >= DEVICE_LIFETIME_DAYS) return false;
  const expected = Buffer.from(deviceId(Buffer.from(id, "base64url").subarray(0, 8), day), "utf8");
  const presented = Buffer.from(id, "utf8");
  return presented.length === expected.length && timingSafeEqual(presented, expected);
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
  const [, id, dayText, given] = match as unknown as [string, string, string, string];
  const day = Number(dayText);
  const today = Math.floor(now.getTime() / DAY_MS);
  if (day > today || today - day >= DEVICE_LIFETIME_DAYS) return null;
  const expected = Buffer.from(mac(operator, id, day), "utf8");
  const presented = Buffer.from(given, "utf8");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  return { id, expiresAt: new Date((day + DEVICE_LIFETIME_DAYS) * DAY_MS) };
}

/**
 * The device tokens a request's Cookie header carries that this server issued and that are
 * within their lifetime (issuedHere), read from the header itself: from every cookie of
 * DEVICE_COOKIE's name, in order, at most DEVICE_TOKENS_PER_BROWSER of each, one per id.
 * Next's cookie parser keeps one value of two same-named cookies, so a cookie of the same
 * name set for a parent domain (by a sibling subdomain) could otherwise shadow this site's;
 * and since what it can plant was not issued here, it is passed over entirely: it can
 * neither crowd this site's tokens out nor be written back. The work is one HMAC per
 * well-formed token, bounded by the size of the request's headers.
 */
export function deviceTokensOfHeader(header: string | null | undefined, now: Date = new Date()): string[] {
  const tokens: string[] = [];
  // One token per id: whoever holds one real token could otherwise pass issuedHere with
  // any number of made-up MACs behind its id, and fill the cookie with them.
  const seen = new Set<string>();
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== DEVICE_COOKIE) continue;
    let ofThisCookie = 0;
    for (const token of pair.slice(at + 1).trim().replace(/%7e/gi, SEPARATOR).split(SEPARATOR)) {
      if (ofThisCookie === DEVICE_TOKENS_PER_BROWSER) break;
      const id = token.slice(0, token.indexOf("."));
      if (seen.has(id) || !issuedHere(token, now)) continue;
      seen.add(id);
      tokens.push(token);
      ofThisCookie += 1;
    }
  }
  return tokens;
}

/** Every device among `tokens` that trustedDevice accepts for this operator, in order. */
export function trustedDevices(tokens: readonly string[], operator: TDeviceOperator, now: Date = new Date()): TTrustedDevice[] {
  return tokens.map((token) => trustedDevice(token, operator, now)).filter((device) => device !== null);
}

/**
 * The device cookie's value after a login that issued `issued`: that token first, then the
 * browser's other tokens (deviceTokensOfHeader: issued here, within their lifetime), less
 * every one that belongs to this operator as it was or is now (`operator`: before and
 * after an enrolment), at most DEVICE_TOKENS_PER_BROWSER in all: the least recently used
 * drop out. (A token of this operator's from before an admin reset verifies under neither
 * and keeps its place until it expires or drops out.)
 */
export function deviceCookieValue(issued: string, presented: readonly string[], operator: readonly TDeviceOperator[], now: Date = new Date()): string {
  // issuedHere again: the tokens usually come from deviceTokensOfHeader, but need not.
  const others = presented.filter((token) => token !== issued && issuedHere(token, now) && operator.every((state) => trustedDevice(token, state, now) === null));
  return [issued, ...others].slice(0, DEVICE_TOKENS_PER_BROWSER).join(SEPARATOR);
}
