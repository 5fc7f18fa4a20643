// The device token that keeps the login lock from being used against an operator, from the
// side of someone who wants it to count for them: it must not be forged, altered, moved to
// another operator, outlive a change of the operator's credentials, be kept past its
// lifetime or dated ahead, and it must say nothing itself. And the one cookie that holds the
// tokens of every operator using a browser: read from the raw header, so that a cookie of
// the same name from a parent domain cannot shadow it, and bounded.
import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/env", () => ({ getEnv: () => ({ TIPLINE_SECRET_KEY: "B".repeat(43) }) }));

const { DEVICE_LIFETIME_DAYS, DEVICE_TOKENS_PER_BROWSER, deviceCookieValue, deviceTokensOfHeader, issueDeviceToken, issuedHere, trustedDevice, trustedDevices } = await import("@/lib/operators/login-device");
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

describe("the device cookie", () => {
  const COLLEAGUE: TDeviceOperator = { id: "op_c011ea", authVerifier: new Uint8Array(32).fill(3), totpSecretSealed: new Uint8Array(60).fill(4) };
  const DAY = Math.floor(NOW.getTime() / DAY_MS);
  const idOf = (token: string) => token.split(".")[0];
  const firstId = (header: string, operator: TDeviceOperator) => trustedDevices(deviceTokensOfHeader(header, NOW), operator, NOW)[0]?.id ?? null;
  // What a sibling subdomain can plant for the parent domain: the right shape and day, any MAC.
  const madeUp = (n: number) => `${String(n).padStart(22, "A")}.${DAY}.${"B".repeat(43)}`;

  it("tells a token this server issued from one it did not, without knowing whose it is", () => {
    const token = issueDeviceToken(OPERATOR, NOW);
    expect(issuedHere(token, NOW)).toBe(true);
    expect(issuedHere(issueDeviceToken(COLLEAGUE, NOW), NOW)).toBe(true);
    expect(issuedHere(madeUp(1), NOW)).toBe(false);
    // Its id, day or spelling changed; too old; from the future; under another server key.
    const [id, day, mac] = token.split(".") as [string, string, string];
    for (let at = 0; at < id.length; at += 1) {
      for (const other of ["A", "Q", "g", "w", "-", "_"]) {
        if (other === id[at]) continue;
        expect(issuedHere(`${id.slice(0, at)}${other}${id.slice(at + 1)}.${day}.${mac}`, NOW), `${at} ${other}`).toBe(false);
      }
    }
    expect(issuedHere(`${id}.${Number(day) - 1}.${mac}`, NOW)).toBe(false);
    expect(issuedHere(token, new Date(NOW.getTime() + DEVICE_LIFETIME_DAYS * DAY_MS))).toBe(false);
    expect(issuedHere(token, new Date(NOW.getTime() - DAY_MS))).toBe(false);
    const tagUnder = (key: string) => createHmac("sha256", key).update("\u0001issued\u0000").update(Buffer.from(id, "base64url").subarray(0, 8)).update(`\u0000${day}`).digest().subarray(0, 8);
    const foreignId = Buffer.concat([Buffer.from(id, "base64url").subarray(0, 8), tagUnder("another server's key")]).toString("base64url");
    expect(issuedHere(`${foreignId}.${day}.${mac}`, NOW)).toBe(false);
  });

  it("is read from the raw Cookie header: every cookie of its name, so that a parent domain's cannot shadow this site's", () => {
    const own = issueDeviceToken(OPERATOR, NOW);
    // A cookie set for the parent domain by a sibling subdomain is sent beside this site's;
    // Next's parser keeps one of the two.
    for (const header of [`tipline_device=${madeUp(1)}; tipline_device=${own}`, `tipline_device=${own}; tipline_device=${madeUp(1)}`]) {
      expect(deviceTokensOfHeader(header, NOW)).toEqual([own]);
      expect(firstId(header, OPERATOR)).toBe(idOf(own));
    }
  });

  it("passes over what another site plants, however much: it cannot crowd this site's tokens out", () => {
    const own = issueDeviceToken(OPERATOR, NOW);
    const full = Array.from({ length: 300 }, (_, n) => madeUp(n)).join("~");
    const plantedFirst = [`tipline_device=${full}`, ...Array.from({ length: 12 }, (_, n) => `tipline_device=${madeUp(n)}~${madeUp(n + 1)}`), "tipline_device=", "tipline_device=x"].join("; ");
    expect(deviceTokensOfHeader(`${plantedFirst}; tipline_device=${own}`, NOW)).toEqual([own]);
    expect(firstId(`${plantedFirst}; tipline_device=${own}`, OPERATOR)).toBe(idOf(own));
  });

  it("takes one token per id: a real id with made-up MACs behind it fills nothing, and made-up tokens use up no place", () => {
    const real = issueDeviceToken(COLLEAGUE, NOW);
    const [id, day] = real.split(".") as [string, string];
    const forged = Array.from({ length: 10 }, (_, n) => `${id}.${day}.${String(n).padStart(43, "C")}`);
    const own = issueDeviceToken(OPERATOR, NOW);
    expect(deviceTokensOfHeader(`tipline_device=${[real, ...forged, own].join("~")}`, NOW)).toEqual([real, own]);
    expect(deviceTokensOfHeader(`tipline_device=${[...forged, own].join("~")}`, NOW)).toEqual([forged[0], own]);
    // Six made-up tokens before the real one in the same cookie: the real one is still taken.
    expect(deviceTokensOfHeader(`tipline_device=${[1, 2, 3, 4, 5, 6].map(madeUp).join("~")}~${own}`, NOW)).toEqual([own]);
    expect(deviceCookieValue(issueDeviceToken(OPERATOR, NOW), deviceTokensOfHeader(`tipline_device=${forged.join("~")}`, NOW), [OPERATOR], NOW).split("~")).toHaveLength(2);
  });

  it("holds several operators' tokens, and each operator's own is found among them", () => {
    const [mine, theirs] = [issueDeviceToken(OPERATOR, NOW), issueDeviceToken(COLLEAGUE, NOW)];
    const header = `theme=dark; tipline_device=${theirs}~${mine}; other=1`;
    expect(deviceTokensOfHeader(header, NOW)).toEqual([theirs, mine]);
    expect(firstId(header, OPERATOR)).toBe(idOf(mine));
    expect(firstId(header, COLLEAGUE)).toBe(idOf(theirs));
    expect(firstId(header, { ...OPERATOR, id: "op_stranger" })).toBeNull();
    // A percent-encoded separator reads the same.
    expect(deviceTokensOfHeader(`tipline_device=${theirs}%7E${mine}`, NOW)).toEqual([theirs, mine]);
    // Every token of the operator's is found, in order.
    const again = issueDeviceToken(OPERATOR, NOW);
    expect(trustedDevices([theirs, mine, again], OPERATOR, NOW).map((device) => device.id)).toEqual([idOf(mine), idOf(again)]);
  });

  it("takes only well-formed tokens of its own cookie issued here, each once, at most six of each cookie", () => {
    const token = issueDeviceToken(OPERATOR, NOW);
    expect(deviceTokensOfHeader(null, NOW)).toEqual([]);
    expect(deviceTokensOfHeader("", NOW)).toEqual([]);
    expect(deviceTokensOfHeader(`xtipline_device=${token}; tipline_device2=${token}; tipline_device`, NOW)).toEqual([]);
    expect(deviceTokensOfHeader(`tipline_device=${token}x~~${token.slice(1)}~ ${token}~"${token}"`, NOW)).toEqual([]);
    expect(deviceTokensOfHeader(`tipline_device= ${token}~${token}; tipline_device=${token}`, NOW)).toEqual([token]);
    const many = Array.from({ length: 10 }, () => issueDeviceToken(COLLEAGUE, NOW));
    expect(deviceTokensOfHeader(`tipline_device=${many.join("~")}`, NOW)).toEqual(many.slice(0, DEVICE_TOKENS_PER_BROWSER));
    expect(deviceTokensOfHeader(`tipline_device=${many.slice(0, 6).join("~")}; tipline_device=${many.slice(6).join("~")}`, NOW)).toEqual(many);
  });

  it("is written back with the new token first, this operator's old one gone, the browser's other tokens kept while they last, at most six", () => {
    const old = issueDeviceToken(OPERATOR, new Date(NOW.getTime() - 3 * DAY_MS));
    const colleague = issueDeviceToken(COLLEAGUE, NOW);
    const expired = issueDeviceToken(COLLEAGUE, new Date(NOW.getTime() - DEVICE_LIFETIME_DAYS * DAY_MS));
    const issued = issueDeviceToken(OPERATOR, NOW);
    expect(deviceCookieValue(issued, [colleague, old, expired, madeUp(1)], [OPERATOR], NOW)).toBe(`${issued}~${colleague}`);
    // At enrolment the operator's token from before it is dropped as well.
    const enrolled = { ...OPERATOR, totpSecretSealed: new Uint8Array(60).fill(1) };
    const beforeEnrolment = issueDeviceToken(OPERATOR, NOW);
    const afterEnrolment = issueDeviceToken(enrolled, NOW);
    expect(deviceCookieValue(afterEnrolment, [beforeEnrolment, colleague], [OPERATOR, enrolled], NOW)).toBe(`${afterEnrolment}~${colleague}`);
    // A full browser drops the least recently used.
    const others = Array.from({ length: DEVICE_TOKENS_PER_BROWSER }, (_, n) => issueDeviceToken({ ...COLLEAGUE, id: `op_${n}` }, NOW));
    const value = deviceCookieValue(issued, others, [OPERATOR], NOW);
    expect(value.split("~")).toEqual([issued, ...others.slice(0, DEVICE_TOKENS_PER_BROWSER - 1)]);
    expect(DEVICE_TOKENS_PER_BROWSER).toBe(6);
    // What it writes, it reads back the same.
    expect(deviceTokensOfHeader(`tipline_device=${value}`, NOW)).toEqual(value.split("~"));
  });

  it("keeps the colleagues' tokens beside a planted cookie, and carries nothing planted over", () => {
    const issued = issueDeviceToken(OPERATOR, NOW);
    const colleague = issueDeviceToken(COLLEAGUE, NOW);
    const header = `tipline_device=${[1, 2, 3, 4, 5, 6].map(madeUp).join("~")}; tipline_device=junk; tipline_device=${colleague}`;
    expect(deviceCookieValue(issued, deviceTokensOfHeader(header, NOW), [OPERATOR], NOW)).toBe(`${issued}~${colleague}`);
  });
});
