import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getServerKey } from "@/lib/server-keys";

/**
 * A browser an operator has logged in from before: the defence against the login lock
 * being used to keep an operator out (OWASP's "device cookies"). Failed logins are counted
 * per name, and past the threshold the name is locked for the window; anyone who knows an
 * operator's name can do that on purpose. A browser that carries a device token, issued by
 * this server to this operator at a successful login, is counted on its own instead: a
 * stranger's failures cannot lock it, and its own failures lock only itself.
 *
 * The token is not a credential: it lets nobody in, it only chooses which counter a
 * login attempt is held to. It is `<id>.<day>.<mac>`: 16 random bytes, the day it was
 * issued (days since 1970) and an HMAC under a server key over the operator's id, the
 * random id and the day, so it can be neither forged nor moved to another operator, and it
 * stops counting after DEVICE_LIFETIME_DAYS. Nothing about it is stored on the server.
 */
export const DEVICE_COOKIE = "tipline_device";
export const DEVICE_LIFETIME_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;
// One spelling per token: a day without leading zeros, and the MAC compared as the exact
// text this server writes (base64url's last character has spare bits that decode alike).
const TOKEN = /^([A-Za-z0-9_-]{22})\.(0|[1-9]\d{0,5})\.([A-Za-z0-9_-]{43})$/;

function mac(operatorId: string, deviceId: string, day: number): Buffer {
  return createHmac("sha256", getServerKey("login-device")).update(`${operatorId}\u0000${deviceId}\u0000${day}`).digest();
}

/** A new device token for the operator, valid for DEVICE_LIFETIME_DAYS from `now`'s day. */
export function issueDeviceToken(operatorId: string, now: Date = new Date()): string {
  const deviceId = randomBytes(16).toString("base64url");
  const day = Math.floor(now.getTime() / DAY_MS);
  return `${deviceId}.${day}.${mac(operatorId, deviceId, day).toString("base64url")}`;
}

/**
 * The device's id when `token` is one this server issued to this operator and it has not
 * expired; null for anything else (missing, malformed, altered, another operator's, from
 * the future, too old).
 */
export function trustedDeviceId(token: unknown, operatorId: string, now: Date = new Date()): string | null {
  if (typeof token !== "string") return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, deviceId, dayText, given] = match as unknown as [string, string, string, string];
  const day = Number(dayText);
  const today = Math.floor(now.getTime() / DAY_MS);
  if (day > today || today - day >= DEVICE_LIFETIME_DAYS) return null;
  const expected = Buffer.from(mac(operatorId, deviceId, day).toString("base64url"), "utf8");
  const presented = Buffer.from(given, "utf8");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  return deviceId;
}
