// Online passphrase guessing, from an attacker's side: a name's failed logins earn growing
// delays and then a lock for the window that even the right passphrase cannot pass; other
// names are unaffected, the lock ends with the window, and no name is stored in the clear.
// And the lock used as a weapon: a stranger who fails under an operator's name on purpose
// must not keep that operator out of the browser they logged in from before.
import { describe, expect, it, vi } from "vitest";
import { deriveOperatorSecrets, toBase64Url } from "@/lib/crypto";
import { readRows } from "../support/database";
import { SEED_OPERATOR, seedLoginCode } from "../support/seed";
import { SEED_TOTP_SECRET, totpCodeAt } from "../support/totp";
import { seededDataDirForSuite } from "../support/seeded-data-dir";

// `request.cookie`, when set, is the raw Cookie header the browser sends (else one is made from the jar).
const { cookieJar, request } = vi.hoisted(() => ({ cookieJar: new Map<string, string>(), request: { cookie: null as string | null } }));
vi.mock("next/headers", async () =>
  (await import("../support/next-headers")).nextHeadersWithCookieJar(cookieJar, () => new Headers(request.cookie === null ? {} : { cookie: request.cookie })),
);

const folder = seededDataDirForSuite("tipline-login-");

async function authKey(name: string, passphrase: string): Promise<string> {
  const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
  return toBase64Url((await deriveOperatorSecrets(passphrase, await getLoginSalt(name))).authKey);
}

describe("failed logins", () => {
  it("answer the first failures at once, then with doubling delays, then lock the name for the window even for the right passphrase", async () => {
    const { admitLoginAttempt, LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = new Date("2026-12-04T09:00:00Z");
    const delays: number[] = [];
    // Each admitted attempt counts as a failure until it is taken back.
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) delays.push((await admitLoginAttempt(SEED_OPERATOR.name, now)).delayMs);
    expect(delays).toEqual([0, 0, 0, 500, 1000, 2000, 4000, 8000]);
    const right = { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, SEED_OPERATOR.passphrase) };
    await expect(logInOperator(right, now)).rejects.toBeInstanceOf(LoginLockedError);
    // The same name in other spelling is the same name.
    await expect(logInOperator({ ...right, name: ` ${SEED_OPERATOR.name.toUpperCase()} ` }, now)).rejects.toBeInstanceOf(LoginLockedError);
    // Another name is not held back, and the next window lets the operator in again.
    expect((await admitLoginAttempt("Iemand Anders", now)).delayMs).toBe(0);
    const nextWindow = new Date(now.getTime() + LOGIN_LIMITS.windowMs);
    await seedLoginCode();
    expect((await logInOperator({ ...right, code: await totpCodeAt(SEED_TOTP_SECRET, nextWindow) }, nextWindow)).kind).toBe("logged-in");
  });

  it("counts a wrong passphrase through the real login, and keeps no name in the counters", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = new Date("2026-12-05T09:00:00Z");
    const guess = { name: "Gerrit Gokker", authKey: await authKey("Gerrit Gokker", "raden maar raden") };
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await logInOperator(guess, now)).toEqual({ kind: "failed" });
    const { admitLoginAttempt } = await import("@/lib/rate-limit/login-attempts");
    // Three real failures used up the free ones: the fourth answer waits.
    expect((await admitLoginAttempt("Gerrit Gokker", now)).delayMs).toBe(500);
    const keys = (await readRows<{ key: string }>(folder.path, `SELECT "key" FROM "RateLimitCounter"`)).map((row) => row.key).join(" ").toLowerCase();
    expect(keys).not.toContain("gerrit");
    expect(keys).not.toContain(SEED_OPERATOR.name.toLowerCase().split(" ")[0]);
  });

  it("holds a burst: of attempts sent side by side, no more than the threshold are checked, and a success is not counted", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const now = new Date("2026-12-08T09:00:00Z");
    // The operator logs in twice first: successes leave the count where it was.
    for (let login = 0; login < 2; login += 1) {
      await seedLoginCode();
      expect((await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: await totpCodeAt(SEED_TOTP_SECRET, now) }, now)).kind).toBe("logged-in");
    }
    const guess = { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, "alles tegelijk"), code: "000000" };
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => logInOperator(guess, now).then((outcome) => outcome.kind, (error: unknown) => (error instanceof LoginLockedError ? "locked" : String(error)))),
    );
    expect(answers.filter((answer) => answer === "failed")).toHaveLength(LOGIN_LIMITS.lockAfter);
    expect(answers.filter((answer) => answer === "locked")).toHaveLength(30 - LOGIN_LIMITS.lockAfter);
  }, 60_000);
});

describe("the lock used against an operator", () => {
  async function rightLogin(at: Date) {
    return { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: await totpCodeAt(SEED_TOTP_SECRET, at) };
  }

  /** Logs the seeded operator in at `at` (a fresh window) and returns the device token it was given. */
  async function deviceTokenFromLogin(at: Date): Promise<string> {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    await seedLoginCode();
    const outcome = await logInOperator(await rightLogin(at), at);
    if (outcome.kind !== "logged-in") throw new Error(`login failed: ${outcome.kind}`);
    return outcome.deviceToken;
  }

  it("a stranger who locks the name locks out only browsers without the operator's device token", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const device = await deviceTokenFromLogin(new Date("2026-12-06T08:00:00Z"));
    const now = new Date("2026-12-06T09:00:00Z");
    // The stranger's guesses go through the real login, wrong passphrase each time.
    const guess = { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, "ik sluit je buiten"), code: "000000" };
    const answers: string[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.lockAfter + 1; attempt += 1) {
      answers.push(await logInOperator(guess, now).then((outcome) => outcome.kind, (error: unknown) => (error instanceof LoginLockedError ? "locked" : String(error))));
    }
    expect(answers).toEqual([...Array(LOGIN_LIMITS.lockAfter).fill("failed"), "locked"]);
    const right = await rightLogin(now);
    await seedLoginCode();
    // Without a device token (another browser), or with one that is not this operator's:
    // locked, the right passphrase and code notwithstanding.
    await expect(logInOperator(right, now)).rejects.toBeInstanceOf(LoginLockedError);
    await expect(logInOperator(right, now, ["garbage"])).rejects.toBeInstanceOf(LoginLockedError);
    const { issueDeviceToken } = await import("@/lib/operators/login-device");
    const { findOperatorCredentials } = await import("@/lib/db/operators");
    const operator = (await findOperatorCredentials(SEED_OPERATOR.name))!;
    await expect(logInOperator(right, now, [issueDeviceToken({ ...operator, id: "another-operator" }, now)])).rejects.toBeInstanceOf(LoginLockedError);
    // The operator's own browser gets in, and is given a new token.
    const outcome = await logInOperator(right, now, [device]);
    expect(outcome.kind).toBe("logged-in");
    expect(outcome.kind === "logged-in" && outcome.deviceToken).not.toBe(device);
    // The stranger is still locked out.
    await expect(logInOperator(guess, now)).rejects.toBeInstanceOf(LoginLockedError);
  }, 60_000);

  it("a device token lets nobody in and gives a guesser one lock's worth of guesses in all, not one per window: then it counts as no token", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { admitLoginAttempt, LOGIN_LIMITS } = await import("@/lib/rate-limit/login-attempts");
    const device = await deviceTokenFromLogin(new Date("2026-12-07T08:00:00Z"));
    const now = new Date("2026-12-07T09:00:00Z");
    // The right passphrase with a wrong code, from the trusted browser (a stolen laptop
    // without the authenticator): refused every time, with the device's own delays.
    const wrongCode = { ...(await rightLogin(now)), code: "000000" };
    const started = Date.now();
    for (let attempt = 0; attempt < LOGIN_LIMITS.lockAfter; attempt += 1) expect((await logInOperator(wrongCode, now, [device])).kind).toBe("failed");
    expect(Date.now() - started).toBeGreaterThanOrEqual(500 + 1000 + 2000 + 4000 + 8000);
    // The name itself was not counted: the operator gets in from another browser.
    await seedLoginCode();
    expect((await logInOperator(await rightLogin(now), now)).kind).toBe("logged-in");
    // The token has used up its guesses for good: in the next window as well, its attempts
    // count under the name. Three wrong ones there use up the name's free failures, so the
    // name's next attempt waits (had they counted under the token, it would not).
    const later = new Date(now.getTime() + LOGIN_LIMITS.windowMs);
    for (let attempt = 0; attempt < LOGIN_LIMITS.freeFailures; attempt += 1) expect((await logInOperator(wrongCode, later, [device])).kind).toBe("failed");
    expect((await admitLoginAttempt(SEED_OPERATOR.name, later)).delayMs).toBe(500);
  }, 60_000);

  it("a deactivated operator's device token counts as none; a second-factor reset ends every token, and the one given at the new enrolment is bound to it", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { findOperatorCredentials } = await import("@/lib/db/operators");
    const { trustedDevice } = await import("@/lib/operators/login-device");
    const { getDb } = await import("@/lib/db/client");
    const { admitLoginAttempt, LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const device = await deviceTokenFromLogin(new Date("2026-12-09T08:00:00Z"));
    const now = new Date("2026-12-09T09:00:00Z");
    const operator = (await findOperatorCredentials(SEED_OPERATOR.name))!;
    expect(trustedDevice(device, operator, now)).not.toBeNull();
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) await admitLoginAttempt(SEED_OPERATOR.name, now);
    await (await getDb()).operator.update({ where: { id: operator.id }, data: { active: false } });
    try {
      // Locked like any stranger, where an active operator's token would have been let through to "failed".
      await expect(logInOperator(await rightLogin(now), now, [device])).rejects.toBeInstanceOf(LoginLockedError);
    } finally {
      await (await getDb()).operator.update({ where: { id: operator.id }, data: { active: true } });
    }
    // An admin resets the second factor: the old token is worth nothing. The operator
    // enrols again, and the token given then is bound to the new second factor.
    const { resetSecondFactor } = await import("@/lib/db/second-factor");
    expect(await resetSecondFactor(operator.id)).toBe(true);
    expect(trustedDevice(device, (await findOperatorCredentials(SEED_OPERATOR.name))!, now)).toBeNull();
    const later = new Date(now.getTime() + LOGIN_LIMITS.windowMs);
    const { code, ...passphraseOnly } = await rightLogin(later);
    const enrolled = await logInOperator({ ...passphraseOnly, enrolment: { secret: SEED_TOTP_SECRET, code } }, later);
    expect(enrolled.kind).toBe("enrolled");
    expect(enrolled.kind === "enrolled" && trustedDevice(enrolled.deviceToken, (await findOperatorCredentials(SEED_OPERATOR.name))!, later)).not.toBeNull();
  });

  it("a used-up token that comes first does not hide the operator's good one", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { admitLoginAttempt, LOGIN_LIMITS } = await import("@/lib/rate-limit/login-attempts");
    // Two browsers the operator logged in from; the first token's failures are used up
    // (say a thief with that laptop), and a stranger locks the name.
    const used = await deviceTokenFromLogin(new Date("2026-12-10T08:00:00Z"));
    const good = await deviceTokenFromLogin(new Date("2026-12-10T08:20:00Z"));
    const now = new Date("2026-12-10T09:00:00Z");
    const wrongCode = { ...(await rightLogin(now)), code: "000000" };
    for (let attempt = 0; attempt < LOGIN_LIMITS.lockAfter; attempt += 1) expect((await logInOperator(wrongCode, now, [used])).kind).toBe("failed");
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) await admitLoginAttempt(SEED_OPERATOR.name, now);
    // The used-up one first: the good one counts.
    await seedLoginCode();
    expect((await logInOperator(await rightLogin(now), now, [used, good])).kind).toBe("logged-in");
  }, 60_000);

  it("a device token past its lifetime counts as none", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { admitLoginAttempt, LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const { DEVICE_LIFETIME_DAYS } = await import("@/lib/operators/login-device");
    const issued = new Date("2026-08-01T08:00:00Z");
    const device = await deviceTokenFromLogin(issued);
    const now = new Date(issued.getTime() + DEVICE_LIFETIME_DAYS * 24 * 60 * 60 * 1000 + 60 * 60 * 1000);
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) await admitLoginAttempt(SEED_OPERATOR.name, now);
    await seedLoginCode();
    await expect(logInOperator(await rightLogin(now), now, [device])).rejects.toBeInstanceOf(LoginLockedError);
  });

  it("through the login action: the browser's own device cookie gets past a locked name, no cookie or another one does not", async () => {
    const actions = await import("@/app/(operator)/operator/actions");
    const { admitLoginAttempt, LOGIN_LIMITS } = await import("@/lib/rate-limit/login-attempts");
    // The action counts in the real current window: not across a window's end.
    const left = LOGIN_LIMITS.windowMs - (Date.now() % LOGIN_LIMITS.windowMs);
    if (left < 30_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const right = async () => ({ name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: await seedLoginCode() });
    cookieJar.clear();
    expect((await actions.logInAction(await right())).ok).toBe(true);
    const device = cookieJar.get("tipline_device");
    expect(device).toMatch(/^[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(await actions.logOutAction()).toEqual({ ok: true });
    expect([...cookieJar.keys()]).toEqual(["tipline_device"]);

    // A stranger locks the name.
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) await admitLoginAttempt(SEED_OPERATOR.name);
    cookieJar.delete("tipline_device");
    expect(await actions.logInAction(await right())).toEqual({ ok: false, error: "errors.loginLocked" });
    cookieJar.set("tipline_device", device!.replace(/^./, (first) => (first === "A" ? "B" : "A")));
    expect(await actions.logInAction(await right())).toEqual({ ok: false, error: "errors.loginLocked" });
    expect(cookieJar.has("tipline_operator")).toBe(false);

    // The operator's own browser.
    cookieJar.set("tipline_device", device!);
    expect((await actions.logInAction(await right())).ok).toBe(true);
    expect(cookieJar.has("tipline_operator")).toBe(true);
    expect(cookieJar.get("tipline_device")).not.toBe(device);
  }, 60_000);

  it("through the login action: a browser two operators share keeps both their tokens, and a same-named cookie from a parent domain shadows neither", async () => {
    const actions = await import("@/app/(operator)/operator/actions");
    const { admitLoginAttempt, LOGIN_LIMITS } = await import("@/lib/rate-limit/login-attempts");
    const { inviteOperator } = await import("@/lib/operators/invite-operator");
    const { acceptInvitation } = await import("@/lib/operators/accept-invitation");
    const { createOperatorKeys } = await import("@/lib/crypto");
    const left = LOGIN_LIMITS.windowMs - (Date.now() % LOGIN_LIMITS.windowMs);
    if (left < 30_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    // Two operators of their own (the suite's operator may be locked in this window already),
    // invited and enrolled through the real code.
    const invited = async (name: string) => {
      const keys = await createOperatorKeys(`${name} heeft een lange wachtzin`);
      const accepted = await acceptInvitation({
        token: (await inviteOperator("http://127.0.0.1")).split("#")[1]!,
        name,
        kdfSalt: toBase64Url(keys.salt),
        authKey: toBase64Url(keys.authKey),
        publicKey: toBase64Url(keys.publicKey),
        wrappedPrivateKey: toBase64Url(keys.wrappedPrivateKey),
      });
      expect(accepted.ok).toBe(true);
      return { name, authKey: toBase64Url(keys.authKey), login: async () => ({ name, authKey: toBase64Url(keys.authKey), code: await seedLoginCode(name) }) };
    };
    const [morning, evening] = [await invited("Balie Ochtenddienst"), await invited("Balie Avonddienst")];

    // One browser: both enrol and log in there, one after the other.
    request.cookie = null;
    cookieJar.clear();
    const enrolment = { secret: SEED_TOTP_SECRET, code: await totpCodeAt(SEED_TOTP_SECRET, new Date()) };
    expect((await actions.logInAction({ name: morning.name, authKey: morning.authKey, enrolment })).ok).toBe(true);
    const first = cookieJar.get("tipline_device")!;
    await actions.logOutAction();
    expect((await actions.logInAction({ name: evening.name, authKey: evening.authKey, enrolment })).ok).toBe(true);
    await actions.logOutAction();
    const shared = cookieJar.get("tipline_device")!;
    expect(shared.split("~")).toHaveLength(2);
    expect(shared.split("~")[1]).toBe(first);
    // What a sibling subdomain can plant for the parent domain: tokens of the right shape
    // and day, which this server did not issue.
    const day = Math.floor(Date.now() / (24 * 60 * 60 * 1000));
    const madeUp = (n: number) => `${String(n).padStart(22, "A")}.${day}.${"B".repeat(43)}`;
    const planted = [1, 2, 3, 4, 5, 6].map(madeUp).join("~");
    // Another browser, whose own cookie holds the evening operator's token, with a planted
    // cookie before it: the morning operator's first login there keeps the colleague's
    // token and takes none of the planted ones.
    const eveningToken = shared.split("~")[0]!;
    request.cookie = `tipline_device=${planted}; tipline_device=${eveningToken}`;
    expect((await actions.logInAction(await morning.login())).ok).toBe(true);
    expect(cookieJar.get("tipline_device")!.split("~")).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/), eveningToken]);
    await actions.logOutAction();
    request.cookie = null;
    cookieJar.set("tipline_device", shared);

    // A stranger locks both names.
    for (const name of [morning.name, evening.name]) for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) await admitLoginAttempt(name);
    cookieJar.delete("tipline_device");
    expect(await actions.logInAction(await evening.login())).toEqual({ ok: false, error: "errors.loginLocked" });

    // A cookie of the same name set for the parent domain (by a sibling subdomain) comes
    // last in the header, where Next's parser would keep it and drop the browser's own.
    cookieJar.set("tipline_device", planted);
    request.cookie = `tipline_device=${shared}; tipline_device=${planted}`;
    expect((await actions.logInAction(await morning.login())).ok).toBe(true);
    // Both operators get in from the shared browser; each login renews only its own token,
    // and nothing of the planted cookie moves into the browser's own.
    const afterMorning = cookieJar.get("tipline_device")!;
    expect(afterMorning.split("~")).toHaveLength(2);
    expect(afterMorning.split("~")[1]).toBe(shared.split("~")[0]);
    request.cookie = `tipline_device=${planted}; tipline_device=${afterMorning}`;
    expect((await actions.logInAction(await evening.login())).ok).toBe(true);
    expect(cookieJar.get("tipline_device")!.split("~")).toEqual([expect.any(String), afterMorning.split("~")[0]]);
    request.cookie = null;
  }, 60_000);
});
