// The sealed tip store against the database under test (SQLite; PostgreSQL too when
// TEST_DATABASE_URL is set), from a seized server's side: what a row holds, what the
// database holds at all, and what bad input changes (nothing). The SQLite connection
// settings (secure_delete, synchronous, WAL) are SQLite's alone.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveReporterKeys, generateReceiptCode, openTip, sealTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { listColumns, listTables, ON_POSTGRES, readRawRows, readRows, seizedBytes } from "../support/database";
import { countStoredTips, seedFirstOperator, SEED_OPERATOR } from "../support/seed";
import { testSecrets } from "../support/server";

let dataDir: string;
let desk: TKeyPair;
let operator: TKeyPair;

const TIP = { subject: "adult", signals: ["under-pressure"], seenOrHeard: "Zij werkt in een kelderbox aan de rand van de stad." } as const;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-store-"));
  ({ desk, operator } = await seedFirstOperator(dataDir, testSecrets()));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the sealed tip store", () => {
  it("keeps a tip as the sealed blob, a status, days and a keyed lookup hash, and nothing else", async () => {
    const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
    const { ZTip } = await import("@/lib/tips/tip-schema");
    const { receiptCode } = await sealAndStoreTip(ZTip.parse(TIP));
    const columns = (await listColumns(dataDir, "Tip")).map((column) => column.name);
    // assignedOperatorId: which operator handles the tip, nothing about the reporter.
    expect(columns.sort()).toEqual(["assignedOperatorId", "id", "lookupHash", "receivedOn", "sealed", "status", "statusChangedOn"]);
    const rows = await readRows<{ id: string; sealed: Buffer; status: string; receivedOn: string; lookupHash: Buffer; statusChangedOn: string | null; assignedOperatorId: string | null }>(dataDir, `SELECT * FROM "Tip"`);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.status).toBe("received");
    expect(row.assignedOperatorId).toBeNull();
    expect(row.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/); // a day, no time
    expect(row.statusChangedOn).toBeNull(); // and later only a day, too
    // No implicit rowid on SQLite: stored rows carry no order of arrival. (PostgreSQL has
    // no rowid; a row's physical place, ctid, is not something the schema can leave out.)
    if (!ON_POSTGRES) {
      await expect(readRows(dataDir, `SELECT rowid FROM "Tip"`)).rejects.toThrow();
      await expect(readRows(dataDir, `SELECT rowid FROM "Message"`)).rejects.toThrow();
    }
    expect(row.sealed.includes(Buffer.from("kelderbox"))).toBe(false);
    // The lookup hash is keyed: the lookup token alone does not give it.
    const { lookupToken } = await deriveReporterKeys(receiptCode);
    expect(row.lookupHash.equals(Buffer.from(lookupToken))).toBe(false);
    expect(row.lookupHash).toHaveLength(32);
    // Only the desk key opens it, and it holds the reporter's public key for follow-up.
    const envelope = (await openTip(desk, new Uint8Array(row.sealed))) as { tip: { seenOrHeard: string }; reporterPublicKey: string };
    expect(envelope.tip.seenOrHeard).toBe(TIP.seenOrHeard);
    expect(envelope.reporterPublicKey).toBe(toBase64Url((await deriveReporterKeys(receiptCode)).publicKey));
    await expect(openTip(operator, new Uint8Array(row.sealed))).rejects.toThrow();
  });

  it("holds no private key anywhere in the database: no stored byte string is the desk's or an operator's", async () => {
    const needles = [Buffer.from(desk.privateKey), Buffer.from(operator.privateKey)];
    let blobs = 0;
    for (const table of await listTables(dataDir)) {
      for (const row of await readRawRows(dataDir, `SELECT * FROM "${table}"`)) {
        for (const value of row) {
          const bytes = Buffer.isBuffer(value) ? value : typeof value === "string" ? Buffer.from(value) : null;
          if (!bytes) continue;
          blobs += 1;
          for (const needle of needles) expect(bytes.includes(needle), `${table}`).toBe(false);
        }
      }
    }
    expect(blobs).toBeGreaterThan(5);
    // The passphrase is not there either, in any form the browser had it.
    expect((await seizedBytes(dataDir)).includes(Buffer.from(SEED_OPERATOR.passphrase))).toBe(false);
  });

  it("rejects a blob that is not a sealed tip, or a malformed lookup token, and stores nothing", async () => {
    const { storeSealedTip, RejectedTipError } = await import("@/lib/tips/store-sealed-tip");
    const before = await countStoredTips(dataDir);
    const real = await sealTip(desk.publicKey, { v: 1, channel: "web", tip: TIP, reporterPublicKey: "x" });
    const token = new Uint8Array(32).fill(7);
    const cases: [string, Uint8Array, Uint8Array][] = [
      ["empty blob", new Uint8Array(0), token],
      ["plaintext of a padded length", new Uint8Array(real.length).fill(65), token],
      ["random bytes of another length", new Uint8Array(5000).fill(1), token],
      ["one byte short", real.subarray(0, real.length - 1), token],
      ["one byte long", new Uint8Array([...real, 0]), token],
      ["lookup token too short", real, new Uint8Array(31)],
      ["lookup token too long", real, new Uint8Array(33)],
    ];
    for (const [name, sealed, lookupToken] of cases) {
      await expect(storeSealedTip({ sealed, lookupToken }), name).rejects.toBeInstanceOf(RejectedTipError);
    }
    expect(await countStoredTips(dataDir)).toBe(before);
  });

  it("stores a tip once when the same lookup token comes again (a retry after a lost answer)", async () => {
    const { storeSealedTip } = await import("@/lib/tips/store-sealed-tip");
    const before = await countStoredTips(dataDir);
    const { lookupToken } = await deriveReporterKeys(generateReceiptCode());
    const sealed = await sealTip(desk.publicKey, { v: 1, channel: "web", tip: TIP, reporterPublicKey: "x" });
    await storeSealedTip({ sealed, lookupToken });
    await storeSealedTip({ sealed, lookupToken });
    await storeSealedTip({ sealed: await sealTip(desk.publicKey, { v: 1, channel: "web", tip: TIP, reporterPublicKey: "y" }), lookupToken });
    expect(await countStoredTips(dataDir)).toBe(before + 1);
  });

  it("stores a burst of concurrent tips through shared statements, each row exactly as sent, and a retry inside the burst once", async () => {
    const { insertTip, tipWriteCounts } = await import("@/lib/db/tips");
    const before = await countStoredTips(dataDir);
    const counts = tipWriteCounts();
    const rows = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => ({
        id: `burst-${index}`,
        sealed: await sealTip(desk.publicKey, { v: 1, channel: "web", tip: { ...TIP, seenOrHeard: `burst ${index}` }, reporterPublicKey: "b" }),
        receivedOn: "2026-12-01",
        lookupHash: new Uint8Array(randomBytes(32)),
      })),
    );
    // The same reporter's retry arriving in the same burst as the first attempt.
    const retry = { ...rows[5]!, id: "burst-retry" };
    const results = await Promise.all([...rows, retry].map((row) => insertTip(row)));
    expect(results.slice(0, 60).every((result) => result === "inserted")).toBe(true);
    expect(results[60]).toBe("exists");
    expect(await countStoredTips(dataDir)).toBe(before + 60);
    const after = tipWriteCounts();
    expect(after.fallbacks).toBe(counts.fallbacks); // the batch statement itself worked
    expect(after.items - counts.items).toBe(61);
    expect(after.statements - counts.statements).toBeLessThan(10); // shared, not one each
    const stored = await readRows<{ id: string; sealed: Buffer; lookupHash: Buffer; status: string; receivedOn: string }>(dataDir, `SELECT "id", "sealed", "lookupHash", "status", "receivedOn" FROM "Tip" WHERE "id" LIKE 'burst-%'`);
    expect(stored).toHaveLength(60);
    for (const row of stored) {
      const sent = rows.find((candidate) => candidate.id === row.id)!;
      expect(Buffer.compare(row.sealed, Buffer.from(sent.sealed)), row.id).toBe(0);
      expect(Buffer.compare(row.lookupHash, Buffer.from(sent.lookupHash)), row.id).toBe(0);
      expect(row.status).toBe("received");
      expect(row.receivedOn).toBe("2026-12-01");
      const envelope = (await openTip(desk, new Uint8Array(row.sealed))) as { tip: { seenOrHeard: string } };
      expect(envelope.tip.seenOrHeard).toBe(`burst ${row.id.slice("burst-".length)}`);
    }
  });

  it("when one tip of a burst cannot be stored, stores the others and fails that caller alone", async () => {
    const { insertTip, tipWriteCounts } = await import("@/lib/db/tips");
    const before = await countStoredTips(dataDir);
    const fallbacks = tipWriteCounts().fallbacks;
    const sealed = await sealTip(desk.publicKey, { v: 1, channel: "web", tip: TIP, reporterPublicKey: "c" });
    const rows = Array.from({ length: 8 }, (_, index) => ({ id: `clash-${index}`, sealed, receivedOn: "2026-12-01", lookupHash: new Uint8Array(randomBytes(32)) }));
    // A second row with an id already in the burst: not a retry (another lookup hash), so an error.
    rows.push({ ...rows[2]!, lookupHash: new Uint8Array(randomBytes(32)) });
    const settled = await Promise.allSettled(rows.map((row) => insertTip(row)));
    expect(settled.filter((result) => result.status === "rejected")).toHaveLength(1);
    expect(tipWriteCounts().fallbacks).toBe(fallbacks + 1);
    expect(await countStoredTips(dataDir)).toBe(before + 8);
  });

  it("never loses a tip stored while another request's transaction rolls back", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { storeSealedTip } = await import("@/lib/tips/store-sealed-tip");
    const db = await getDb();
    const before = await countStoredTips(dataDir);
    const sealed = await sealTip(desk.publicKey, { v: 1, channel: "web", tip: TIP, reporterPublicKey: "z" });
    const { lookupToken } = await deriveReporterKeys(generateReceiptCode());
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.oneTimeToken.create({ data: { tokenHash: new Uint8Array(32).fill(9), purpose: "test", expiresAt: new Date() }, select: { purpose: true } });
        entered();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error("rolled back on purpose");
      })
      .catch(() => "rolled back");
    await inside;
    // Issued while the other transaction is open on the same connection: it must not join it.
    await storeSealedTip({ sealed, lookupToken });
    expect(await failing).toBe("rolled back");
    expect(await countStoredTips(dataDir)).toBe(before + 1);
  });

  it.skipIf(ON_POSTGRES)("runs SQLite with secure_delete on, full synchronous commits and WAL", async () => {
    const { getDb } = await import("@/lib/db/client");
    const db = await getDb();
    const secureDelete = (await db.$queryRawUnsafe("PRAGMA secure_delete")) as { secure_delete: bigint | number }[];
    const synchronous = (await db.$queryRawUnsafe("PRAGMA synchronous")) as { synchronous: bigint | number }[];
    const journal = (await db.$queryRawUnsafe("PRAGMA journal_mode")) as { journal_mode: string }[];
    expect(Number(secureDelete[0]?.secure_delete)).toBe(1);
    expect(Number(synchronous[0]?.synchronous)).toBe(2); // FULL
    expect(journal[0]?.journal_mode).toBe("wal");
  });
});
