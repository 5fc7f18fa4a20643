// Triage against the database under test (SQLite; PostgreSQL too when TEST_DATABASE_URL is
// set): the status workflow holds (no skipping, no reopening a closed tip, no lost update
// between two operators), closing needs a sealed reason, the reporter sees the new status
// and its day, and notes are sealed to the desk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveReporterKeys, openMessage, sealMessage, type TKeyPair } from "@/lib/crypto";
import { ON_POSTGRES, readRows, seizedBytes } from "../support/database";
import { seedFirstOperator } from "../support/seed";
import { testSecrets } from "../support/server";

let dataDir: string;
let desk: TKeyPair;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-triage-"));
  ({ desk } = await seedFirstOperator(dataDir, testSecrets()));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fileTip(): Promise<{ code: string; tipId: string }> {
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { ZTip } = await import("@/lib/tips/tip-schema");
  const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
  const { receiptCode } = await sealAndStoreTip(ZTip.parse({ subject: "adult", signals: [], seenOrHeard: "Gezien in een vakantiepark." }));
  return { code: receiptCode, tipId: (await checkTipStatus((await deriveReporterKeys(receiptCode)).lookupToken))!.tipId };
}

describe("the status workflow", () => {
  it("moves a tip step by step, and the reporter sees each status with the day it changed", async () => {
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const { code, tipId } = await fileTip();
    expect(await changeTipStatus({ tipId, from: "received", to: "in_progress" })).toEqual({ ok: true });
    const view = await openTipStatusWithCode(code);
    expect(view?.status).toBe("in_progress");
    expect(view?.changedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await changeTipStatus({ tipId, from: "in_progress", to: "forwarded" })).toEqual({ ok: true });
    expect((await openTipStatusWithCode(code))?.status).toBe("forwarded");
  });

  it("refuses skipped steps, unknown statuses and anything after closing, changing nothing", async () => {
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const { code, tipId } = await fileTip();
    expect(await changeTipStatus({ tipId, from: "received", to: "forwarded" })).toEqual({ ok: false, error: "errors.transitionNotAllowed" });
    expect(await changeTipStatus({ tipId, from: "received", to: "deleted" })).toEqual({ ok: false, error: "errors.transitionNotAllowed" });
    expect(await changeTipStatus({ tipId, from: "received", to: "closed" })).toEqual({ ok: false, error: "errors.reasonRequired" });
    expect(await changeTipStatus({ tipId, from: "received", to: "closed", sealedReason: new Uint8Array(10) })).toEqual({ ok: false, error: "errors.reasonRequired" });
    expect((await openTipStatusWithCode(code))?.status).toBe("received");
    const reason = await sealMessage(desk.publicKey, "Onvoldoende informatie.");
    expect(await changeTipStatus({ tipId, from: "received", to: "closed", sealedReason: reason })).toEqual({ ok: true });
    expect(await changeTipStatus({ tipId, from: "closed", to: "in_progress" })).toEqual({ ok: false, error: "errors.transitionNotAllowed" });
    const view = await openTipStatusWithCode(code);
    expect(view?.status).toBe("closed");
    expect(view?.open).toBe(false);
  });

  it("lets only the first of two operators moving the same tip win", async () => {
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { tipId } = await fileTip();
    const [first, second] = await Promise.all([
      changeTipStatus({ tipId, from: "received", to: "in_progress" }),
      changeTipStatus({ tipId, from: "received", to: "closed", sealedReason: await sealMessage(desk.publicKey, "Dubbel.") }),
    ]);
    expect([first, second].filter((result) => result.ok)).toHaveLength(1);
    expect([first, second].filter((result) => !result.ok)).toEqual([{ ok: false, error: "errors.statusChanged" }]);
  });

  it("keeps notes and the closing reason sealed to the desk, readable in order and nowhere in plain text", async () => {
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { addTipNote } = await import("@/lib/triage/add-tip-note");
    const { listNotes } = await import("@/lib/db/notes");
    const { tipId } = await fileTip();
    expect(await addTipNote({ tipId, sealed: await sealMessage(desk.publicKey, "Politie gebeld over kenteken.") })).toBe(true);
    expect(await addTipNote({ tipId, sealed: new Uint8Array(4145) })).toBe(false);
    expect(await addTipNote({ tipId: "no-such-tip-000000", sealed: await sealMessage(desk.publicKey, "x") })).toBe(false);
    await changeTipStatus({ tipId, from: "received", to: "closed", sealedReason: await sealMessage(desk.publicKey, "Afgehandeld door de politie.") });
    const notes = await listNotes(tipId);
    expect(notes.map((note) => note.kind)).toEqual(["note", "close-reason"]);
    expect(await Promise.all(notes.map((note) => openMessage(desk, note.sealed)))).toEqual(["Politie gebeld over kenteken.", "Afgehandeld door de politie."]);
    expect((await seizedBytes(dataDir)).includes(Buffer.from("Politie gebeld"))).toBe(false);
    // No implicit rowid on SQLite: stored notes carry no order of arrival. (PostgreSQL has
    // no rowid; a row's physical place, ctid, is not something the schema can leave out.)
    if (!ON_POSTGRES) await expect(readRows(dataDir, `SELECT rowid FROM "Note"`)).rejects.toThrow();
  });
});
