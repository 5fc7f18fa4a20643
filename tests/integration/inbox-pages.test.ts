// The operators' inbox in pages, against the database under test (SQLite; PostgreSQL too
// when TEST_DATABASE_URL is set): the pages together hold every tip exactly once, in the
// inbox's order, whatever the page size and however tips fall on days; a tip deleted
// between two pages shifts nothing; the action hands the sealed blobs over as bytes that
// open with the desk key. From an attacker's side: a forged cursor (SQL, wrong types, a
// foreign id) is refused and reveals nothing, and no page is served without a session.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as OperatorActions from "@/app/(operator)/operator/actions";
import { generateToken, openTip, sealTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { seedFirstOperator, seedLoginCode, SEED_OPERATOR } from "../support/seed";
import { testSecrets } from "../support/server";

const { cookieJar } = vi.hoisted(() => ({ cookieJar: new Map<string, string>() }));
vi.mock("next/headers", async () =>
  (await import("../support/next-headers")).nextHeadersWithCookieJar(cookieJar, () => new Headers({ "x-forwarded-for": "10.9.9.9" })),
);

const TIPS = 1103;
// Uneven days: one day with most tips (a page boundary inside a day), single-tip days, gaps.
const dayOf = (index: number) => (index < 700 ? "2026-11-30" : `2026-${String(1 + (index % 9)).padStart(2, "0")}-${String(1 + (index % 27)).padStart(2, "0")}`);

let dataDir: string;
let desk: TKeyPair;
let actions: typeof OperatorActions;
const stored = new Map<string, { receivedOn: string; marker: string }>();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-inbox-pages-"));
  ({ desk } = await seedFirstOperator(dataDir, testSecrets()));
  const { insertTip } = await import("@/lib/db/tips");
  await Promise.all(
    Array.from({ length: TIPS }, async (_, index) => {
      const marker = `melding-${index}`;
      const tip = { subject: "adult", signals: [], seenOrHeard: marker };
      const sealed = await sealTip(desk.publicKey, { v: 1, channel: "web", tip, reporterPublicKey: toBase64Url(randomBytes(32)) });
      const id = generateToken(16);
      stored.set(id, { receivedOn: dayOf(index), marker });
      await insertTip({ id, sealed, receivedOn: dayOf(index), lookupHash: randomBytes(32) });
    }),
  );
  actions = await import("@/app/(operator)/operator/actions");
}, 120_000);

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The inbox's order as the database itself gives it in one query: newest day first, then
 * id descending in the database's own collation (PostgreSQL's may not be code-unit order;
 * the pages only have to agree with it). Checked against the stored days as well.
 */
async function inboxOrder(): Promise<string[]> {
  const { listTips } = await import("@/lib/db/tips");
  const ids = (await listTips()).map((tip) => tip.id);
  expect(new Set(ids)).toEqual(new Set(stored.keys()));
  const days = ids.map((id) => stored.get(id)!.receivedOn);
  expect(days).toEqual([...days].sort().reverse());
  return ids;
}

async function walk(limit: number): Promise<string[]> {
  const { listTipsPage } = await import("@/lib/db/tips");
  const ids: string[] = [];
  let after: { receivedOn: string; id: string } | null = null;
  for (;;) {
    const page = await listTipsPage(after, limit);
    expect(page.length).toBeLessThanOrEqual(limit);
    ids.push(...page.map((tip) => tip.id));
    if (page.length < limit) return ids;
    const last = page.at(-1)!;
    after = { receivedOn: last.receivedOn, id: last.id };
  }
}

describe("listTipsPage", () => {
  it.each([1, 7, 500, 5000])("with pages of %i, holds every tip once, in the inbox's order", async (limit) => {
    if (limit === 1) {
      // One tip a page would be 1,103 queries: the first two pages only (the busiest day's start).
      const { listTipsPage } = await import("@/lib/db/tips");
      const first = await listTipsPage(null, 1);
      const second = await listTipsPage({ receivedOn: first[0]!.receivedOn, id: first[0]!.id }, 1);
      expect([first[0]!.id, second[0]!.id]).toEqual((await inboxOrder()).slice(0, 2));
      return;
    }
    const ids = await walk(limit);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(await inboxOrder());
  });

  it("gives every blob byte for byte as stored", async () => {
    const { listTips, listTipsPage } = await import("@/lib/db/tips");
    const whole = new Map((await listTips()).map((tip) => [tip.id, tip.sealed]));
    const page = await listTipsPage(null, 5000);
    expect(page).toHaveLength(TIPS);
    for (const tip of page) {
      expect(tip.sealed).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(tip.sealed).equals(Buffer.from(whole.get(tip.id)!)), tip.id).toBe(true);
    }
  });

  it("shifts nothing when a tip of a page already read is deleted before the next page", async () => {
    const { listTipsPage, deleteTip, insertTip } = await import("@/lib/db/tips");
    const order = await inboxOrder();
    const first = await listTipsPage(null, 50);
    const gone = first[10]!;
    await deleteTip(gone.id);
    try {
      const last = first.at(-1)!;
      const next = await listTipsPage({ receivedOn: last.receivedOn, id: last.id }, 50);
      expect(next.map((tip) => tip.id)).toEqual(order.slice(50, 100));
    } finally {
      await insertTip({ id: gone.id, sealed: gone.sealed, receivedOn: gone.receivedOn, lookupHash: randomBytes(32) });
    }
  });

  it("refuses a page size it was not built for", async () => {
    const { listTipsPage } = await import("@/lib/db/tips");
    for (const limit of [0, -1, 1.5, Number.NaN, 10_001]) await expect(listTipsPage(null, limit)).rejects.toThrow(RangeError);
  });
});

describe("listTipsAction", () => {
  async function logIn() {
    cookieJar.clear();
    const { findOperatorCredentials } = await import("@/lib/db/operators");
    const { deriveOperatorSecrets } = await import("@/lib/crypto");
    const credentials = (await findOperatorCredentials(SEED_OPERATOR.name))!;
    const { authKey } = await deriveOperatorSecrets(SEED_OPERATOR.passphrase, credentials.kdfSalt);
    const result = await actions.logInAction({ name: SEED_OPERATOR.name, authKey: toBase64Url(authKey), code: await seedLoginCode() });
    expect(result.ok).toBe(true);
  }

  it("serves the whole inbox in pages of 500, the count on the first, as bytes that open with the desk key", async () => {
    await logIn();
    const seen: string[] = [];
    let after: unknown = undefined;
    let pages = 0;
    for (;;) {
      const page = await actions.listTipsAction(after);
      if (!page.ok) throw new Error(page.error);
      pages += 1;
      expect(page.total).toBe(pages === 1 ? TIPS : null);
      for (const tip of page.tips) {
        expect(tip.sealed).toBeInstanceOf(Uint8Array);
        seen.push(tip.id);
      }
      // Every tip of the first page opens, and is the tip stored under its id.
      if (pages === 1) {
        for (const tip of page.tips.slice(0, 25)) {
          const envelope = (await openTip(desk, tip.sealed)) as { tip: { seenOrHeard: string } };
          expect(envelope.tip.seenOrHeard).toBe(stored.get(tip.id)!.marker);
        }
      }
      if (!page.next) break;
      expect(page.tips).toHaveLength(500);
      after = page.next;
    }
    expect(pages).toBe(Math.ceil(TIPS / 500));
    expect(seen).toEqual(await inboxOrder());
  });

  it("refuses forged cursors with a bare error and no tip", async () => {
    await logIn();
    const realId = [...stored.keys()][0]!;
    const forged: unknown[] = [
      "2026-11-30",
      42,
      true,
      [],
      ["2026-11-30", realId],
      { receivedOn: "2026-11-30" },
      { id: realId },
      { receivedOn: "2026-11-30' OR '1'='1", id: realId },
      { receivedOn: "9999-99-99", id: "x' OR 1=1 --" },
      { receivedOn: "2026-11-30", id: "../../etc/passwd" },
      { receivedOn: 20261130, id: realId },
      { receivedOn: "2026-11-30", id: { toString: () => realId } },
      { receivedOn: "2026-11-30\n", id: realId },
    ];
    for (const after of forged) expect(await actions.listTipsAction(after), JSON.stringify(after)).toStrictEqual({ ok: false, error: "errors.unexpected" });
  });

  it("serves no page without a session, not even with a valid cursor", async () => {
    cookieJar.clear();
    const realId = [...stored.keys()][0]!;
    expect(await actions.listTipsAction()).toStrictEqual({ ok: false, error: "errors.notLoggedIn" });
    expect(await actions.listTipsAction({ receivedOn: "2026-11-30", id: realId })).toStrictEqual({ ok: false, error: "errors.notLoggedIn" });
    cookieJar.set("tipline_operator", generateToken(32));
    expect(await actions.listTipsAction({ receivedOn: "2026-11-30", id: realId })).toStrictEqual({ ok: false, error: "errors.notLoggedIn" });
  });
});
