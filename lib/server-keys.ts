import "server-only";
import { createHmac } from "node:crypto";
import { getEnv } from "@/lib/env";

export type TServerKeyPurpose =
  | "receipt-lookup"
  | "operator-auth"
  | "operator-session"
  | "one-time-token"
  | "unknown-operator-salt"
  | "rate-limit"
  | "pending-receipt"
  | "receipt-template"
  | "login-device"
  | "totp-secret"
  | "recovery-code";

const cache = new Map<TServerKeyPurpose, Uint8Array>();

function masterKey(): Buffer {
  return Buffer.from(getEnv().TIPLINE_SECRET_KEY, "base64url");
}

/**
 * A 32-byte key for one purpose, derived from TIPLINE_SECRET_KEY with HMAC-SHA256 over
 * the purpose's name, so that a key leaked for one use says nothing about another.
 * Throws (through getEnv) when the secret is missing or malformed.
 */
export function getServerKey(purpose: TServerKeyPurpose): Uint8Array {
  let key = cache.get(purpose);
  if (!key) {
    key = new Uint8Array(createHmac("sha256", masterKey()).update(`tipline/server-key/${purpose}`).digest());
    cache.set(purpose, key);
  }
  return key;
}

/**
 * Keyed hash (HMAC-SHA256) of a bearer token, for storage: session and setup tokens are
 * looked up by this, so a database dump holds no usable token.
 */
export function hashBearerToken(token: string, purpose: "operator-session" | "one-time-token"): Uint8Array {
  return new Uint8Array(createHmac("sha256", getServerKey(purpose)).update(token, "utf8").digest());
}
