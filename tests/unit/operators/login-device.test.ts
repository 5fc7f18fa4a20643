// The device token that keeps the login lock from being used against an operator, from the
// side of someone who wants it to count for them: it must not be forged, altered, moved to
// another operator, outlive a change of the operator's credentials, be kept past its
// lifetime or dated ahead, and it must say nothing itself.
import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/env", () => ({ getEnv: () => ({ TIPLINE_SECRET_KEY: "B".repeat(43) }) }));

const { DEVICE_LIFETIME_DAYS, issueDeviceToken, trustedDevice } = await import("@/lib/operators/login-device");
type TDeviceOperator = import("@/lib/operators/login-device").TDeviceOperator;

const OPERATOR: TDeviceOperator = { id: "op_7f3a9c", authVerifier: new Uint8Array(32).fill(7), totpSecretSealed: new Uint8Array(60).fill(9) };
const trustedDeviceId = (token: unknown, operator: TDeviceOperator, now: Date) => trustedDevice(token, operator, now)?.id ?? null;
const NOW = new Date("2026-12-02T10:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

describe("device tokens", () => {
  it("are trusted for the operator they were issued to, each with its own id", () => {
    const [first, second] = [issueDeviceToken(OPERATOR, NOW), issueDeviceToken(OPERATOR, NOW)];
    const [firstId, secondId] = [trustedDeviceId(first, OPERATOR, NOW), trustedDeviceId(second, OPERATOR, NOW)];
    expect(firstId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(secondId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(firstId).not.toBe(secondId);
    // The id is the token's random part: it carries no operator id, name or time of day.
    expect(first).not.toContain(OPERATOR.id);
    expect(first.split(".")[1]).toBe(String(Math.floor(NOW.getTime() / DAY_MS)));
    expect(trustedDevice(first, OPERATOR, NOW)?.expiresAt).toEqual(new Date((Math.floor(NOW.getTime() / DAY_MS) + DEVICE_LIFETIME_DAYS) * DAY_MS));
  });

  it("are worth nothing for another operator", () => {
    expect(trustedDeviceId(issueDeviceToken(OPERATOR, NOW), { ...OPERATOR, id: "op_other" }, NOW)).toBeNull();
  });

  it("die with the credentials they were issued under: a new passphrase, a reset or a new second factor", () => {
    const token = issueDeviceToken(OPERATOR, NOW);
    expect(trustedDeviceId(token, { ...OPERATOR, authVerifier: new Uint8Array(32).fill(8) }, NOW)).toBeNull();
    expect(trustedDeviceId(token, { ...OPERATOR, totpSecretSealed: null }, NOW)).toBeNull();
    expect(trustedDeviceId(token, { ...OPERATOR, totpSecretSealed: new Uint8Array(60).fill(10) }, NOW)).toBeNull();
    // Issued before enrolment, it does not survive the enrolment either.
    const beforeEnrolment = { ...OPERATOR, totpSecretSealed: null };
    expect(trustedDeviceId(issueDeviceToken(beforeEnrolment, NOW), OPERATOR, NOW)).toBeNull();
    expect(trustedDeviceId(issueDeviceToken(beforeEnrolment, NOW), beforeEnrolment, NOW)).not.toBeNull();
  });

  it("are worth nothing altered in any one character, or with their parts swapped, cut or spelled otherwise", () => {
    const token = issueDeviceToken(OPERATOR, NOW);
    for (let index = 0; index < token.length; index += 1) {
      if (token[index] === ".") continue;
      // Each neighbour in the alphabet: "A" and "B" differ only in the bits a base64url
      // decoder drops at the end, and must still count as another token.
      for (const replacement of ["A", "B", "0", "9"]) {
        if (replacement === token[index]) continue;
        const changed = token.slice(0, index) + replacement + token.slice(index + 1);
        expect(trustedDeviceId(changed, OPERATOR, NOW), `character ${index} as ${replacement}`).toBeNull();
      }
    }
    const [id, day, mac] = token.split(".") as [string, string, string];
    for (const forged of [`${id}.${day}`, `${id}..${mac}`, `${mac}.${day}.${id}`, `${id}.${day}.${mac}.`, ` ${token}`, `${token}\n`, `${id}.0${day}.${mac}`]) {
      expect(trustedDeviceId(forged, OPERATOR, NOW), forged).toBeNull();
    }
  });

  it("cannot be made without the server key: a MAC under another key, or over other fields, is refused", () => {
    const id = "A".repeat(22);
    const day = Math.floor(NOW.getTime() / DAY_MS);
    const underOtherKey = createHmac("sha256", Buffer.alloc(32, 1)).update(`${OPERATOR.id}\u0000${id}\u0000${day}`).digest("base64url");
    expect(trustedDeviceId(`${id}.${day}.${underOtherKey}`, OPERATOR, NOW)).toBeNull();
    expect(trustedDeviceId(`${id}.${day}.${"A".repeat(43)}`, OPERATOR, NOW)).toBeNull();
  });

  it("expire after their lifetime, and one dated ahead is refused", () => {
    const token = issueDeviceToken(OPERATOR, NOW);
    expect(trustedDeviceId(token, OPERATOR, new Date(NOW.getTime() + (DEVICE_LIFETIME_DAYS - 1) * DAY_MS))).not.toBeNull();
    expect(trustedDeviceId(token, OPERATOR, new Date(NOW.getTime() + DEVICE_LIFETIME_DAYS * DAY_MS))).toBeNull();
    expect(trustedDeviceId(token, OPERATOR, new Date(NOW.getTime() - DAY_MS))).toBeNull();
  });

  it("treat anything that is not a token string as no token", () => {
    for (const value of [undefined, null, "", 42, {}, ["a.1.b"], "x".repeat(5000), "\u0000"]) expect(trustedDeviceId(value, OPERATOR, NOW)).toBeNull();
  });
});
