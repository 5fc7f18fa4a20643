// Forwarding to the police, end to end below the browser: the report is built from the tip
// with the operator's redactions, sealed to the police key, stored in the outbox and
// opened on the police side with `npm run police:open`, to exactly what was sealed. From
// an attacker's side: nothing the server holds opens a package, a redacted phrase is in no
// byte of it, a closed tip or a retired police key takes no package, and a package sealed
// to another key or altered by one byte does not open.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeskKeyPair,
  deriveReporterKeys,
  fromBase64Url,
  openPolicePackage,
  OpenError,
  sealMessage,
  sealPolicePackage,
  toBase64Url,
  type TKeyPair,
} from "@/lib/crypto";
import { buildPoliceReport, redactableFields } from "@/lib/forwarding/build-police-report";
import { createTranslator } from "@/lib/i18n/translate";
import { getMessages } from "@/lib/i18n/messages";
import { findSelfIdentificationHints } from "@/lib/tips/find-self-identification-hints";
import { ZTip } from "@/lib/tips/tip-schema";
import { seedFirstOperator } from "../support/seed";
import { testSecrets } from "../support/server";

const secrets = testSecrets();
const POLICE_PASSPHRASE = "blauwe kraai vliegt over de sloot";
let dataDir: string;
let desk: TKeyPair;

const TIP = ZTip.parse({
  subject: "adult",
  signals: ["extreme-hours"],
  adult: { workplace: "Kelderbox Industrieweg 12", plates: ["XX-123-Y"] },
  suspects: [{ name: "Rocco", phones: ["06 12345678"], description: "Haalt haar elke nacht op." }],
  seenOrHeard: "Ik ben haar mentor bij ons op de groep en zag dat Rocco haar om 03:00 ophaalde.",
});

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-forward-"));
  ({ desk } = await seedFirstOperator(dataDir, secrets));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fileTip(): Promise<string> {
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
  const { receiptCode } = await sealAndStoreTip(TIP);
  return (await checkTipStatus((await deriveReporterKeys(receiptCode)).lookupToken))!.tipId;
}

const tTip = createTranslator(getMessages("nl").tip);

describe("the police report", () => {
  it("carries the operator's redactions in both the fields and the document, and nothing of the envelope", () => {
    const fields = redactableFields(TIP);
    expect(fields.map((field) => field.path)).toEqual([
      "adult.workplace",
      "adult.plates.0",
      "suspects.0.name",
      "suspects.0.phones.0",
      "suspects.0.description",
      "seenOrHeard",
    ]);
    // The same hints the reporter saw are the ones the redaction step marks.
    expect(findSelfIdentificationHints(TIP).map((hint) => hint.field)).toContain("seenOrHeard");
    const report = buildPoliceReport({
      tip: TIP,
      edits: { seenOrHeard: "Zag dat Rocco haar om 03:00 ophaalde.", "adult.workplace": "" },
      receivedOn: "2026-11-20",
      forwardedOn: "2026-11-29",
      t: tTip,
    });
    expect(report.fields.seenOrHeard).toBe("Zag dat Rocco haar om 03:00 ophaalde.");
    expect(report.fields.adult?.workplace).toBeUndefined();
    expect(report.fields.adult?.plates).toEqual(["XX-123-Y"]);
    expect(report.fields.suspects[0]).toMatchObject({ name: "Rocco", phones: TIP.suspects[0]!.phones });
    const everything = JSON.stringify(report);
    for (const cut of ["mentor", "bij ons op de groep", "Kelderbox"]) expect(everything).not.toContain(cut);
    expect(report.document).toContain("Rocco");
    expect(report.document).toContain("XX-123-Y");
    expect(report.document).toContain("2026-11-20");
    expect(everything).not.toMatch(/reporterPublicKey|channel/);
  });
});

describe("forwarding", () => {
  it("stores the sealed package, marks the tip forwarded for the reporter, and police:open gives exactly the sealed report", async () => {
    const { setPoliceKey, insertPolicePackage, findPolicePackage, listOutbox } = await import("@/lib/db/police");
    const keyFile = path.join(dataDir, "police-key.json");
    const keygen = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/police-keygen.ts", "--out", keyFile], {
      env: { ...process.env, TIPLINE_POLICE_PASSPHRASE: POLICE_PASSPHRASE },
      encoding: "utf8",
    });
    expect(keygen.status, keygen.stderr).toBe(0);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const publicKey = /^\s+([A-Za-z0-9_-]{43})$/m.exec(keygen.stdout)![1]!;
    // The key file holds no private key in the clear: only the wrapped one.
    expect(Object.keys(JSON.parse(fs.readFileSync(keyFile, "utf8")) as object).sort()).toEqual(["format", "publicKey", "salt", "version", "wrappedPrivateKey"]);
    await setPoliceKey({ id: "police-key-forward-0001", publicKey: fromBase64Url(publicKey), label: "Politie, AVIM", createdOn: "2026-11-29" });

    const tipId = await fileTip();
    const report = buildPoliceReport({ tip: TIP, edits: { seenOrHeard: "Zag dat Rocco haar om 03:00 ophaalde." }, receivedOn: "2026-11-29", forwardedOn: "2026-11-29", t: tTip });
    const sealed = await sealPolicePackage(fromBase64Url(publicKey), report);
    expect(await insertPolicePackage({ id: "package-0000000001", tipId, policeKeyId: "police-key-forward-0001", operatorId: "op", sealed, createdOn: "2026-11-29", policeReference: "PL0900-1" })).toBe(true);
    expect((await listOutbox()).map((entry) => [entry.tipId, entry.createdOn, entry.policeReference, entry.policeKeyLabel])).toEqual([[tipId, "2026-11-29", "PL0900-1", "Politie, AVIM"]]);

    // The downloaded file, opened on the police side.
    const stored = (await findPolicePackage("package-0000000001"))!;
    const packagePath = path.join(dataDir, "melding.tipline-package");
    fs.writeFileSync(packagePath, JSON.stringify({ format: "tipline-police-package", version: 1, packageId: stored.id, createdOn: stored.createdOn, sealed: toBase64Url(stored.sealed) }));
    const open = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/police-open.ts", packagePath, "--key", keyFile, "--out", path.join(dataDir, "opened")], {
      env: { ...process.env, TIPLINE_POLICE_PASSPHRASE: POLICE_PASSPHRASE },
      encoding: "utf8",
    });
    expect(open.status, open.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "opened", "melding.json"), "utf8"))).toEqual(report);
    expect(fs.readFileSync(path.join(dataDir, "opened", "melding.txt"), "utf8")).toBe(`${report.document}\n`);

    // A wrong passphrase opens nothing and writes nothing.
    const wrong = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/police-open.ts", packagePath, "--key", keyFile, "--out", path.join(dataDir, "wrong")], {
      env: { ...process.env, TIPLINE_POLICE_PASSPHRASE: "niet de wachtzin van de politie" },
      encoding: "utf8",
    });
    expect(wrong.status).toBe(1);
    expect(fs.existsSync(path.join(dataDir, "wrong"))).toBe(false);

    // The tip moved to "forwarded", as its reporter sees it; the day is recorded.
    const { getDb } = await import("@/lib/db/client");
    const row = await (await getDb()).tip.findUnique({ where: { id: tipId }, select: { status: true, statusChangedOn: true } });
    expect(row).toEqual({ status: "forwarded", statusChangedOn: "2026-11-29" });
  });

  it("cannot be opened by anything the server holds, nor after one changed byte", async () => {
    const police = await createDeskKeyPair();
    const sealed = await sealPolicePackage(police.publicKey, { document: "Rocco, XX-123-Y" });
    await expect(openPolicePackage(desk, sealed)).rejects.toBeInstanceOf(OpenError);
    for (const purpose of ["receipt-lookup", "operator-auth", "totp-secret", "recovery-code"] as const) {
      const { getServerKey } = await import("@/lib/server-keys");
      const key = getServerKey(purpose);
      const pair = { publicKey: police.publicKey, privateKey: new Uint8Array(key) };
      await expect(openPolicePackage(pair, sealed)).rejects.toBeInstanceOf(OpenError);
    }
    for (const index of [0, 1, 40, 100, sealed.length - 1]) {
      const altered = sealed.slice();
      altered[index]! ^= 0x01;
      await expect(openPolicePackage(police, altered)).rejects.toBeInstanceOf(OpenError);
    }
    await expect(openPolicePackage(police, sealed.subarray(0, sealed.length - 16 * 1024))).rejects.toBeInstanceOf(OpenError);
    expect(await openPolicePackage(police, sealed)).toEqual({ document: "Rocco, XX-123-Y" });
  });

  it("takes no package for a closed tip or under a retired police key, and changes nothing then", async () => {
    const { setPoliceKey, insertPolicePackage } = await import("@/lib/db/police");
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { getDb } = await import("@/lib/db/client");
    const db = await getDb();
    const police = await createDeskKeyPair();
    await setPoliceKey({ id: "police-key-forward-0002", publicKey: police.publicKey, label: "Politie", createdOn: "2026-11-29" });
    const sealed = await sealPolicePackage(police.publicKey, { document: "x" });
    const closed = await fileTip();
    expect(await changeTipStatus({ tipId: closed, from: "received", to: "closed", sealedReason: await sealMessage(desk.publicKey, "Geen zaak.") })).toEqual({ ok: true });
    const before = await db.policePackage.count();
    expect(await insertPolicePackage({ id: "package-closed-0001", tipId: closed, policeKeyId: "police-key-forward-0002", operatorId: "op", sealed, createdOn: "2026-11-29", policeReference: null })).toBe(false);
    const open = await fileTip();
    // "police-key-forward-0001" was retired when 0002 was set.
    expect(await insertPolicePackage({ id: "package-retired-001", tipId: open, policeKeyId: "police-key-forward-0001", operatorId: "op", sealed, createdOn: "2026-11-29", policeReference: null })).toBe(false);
    expect(await insertPolicePackage({ id: "package-nosuchtip01", tipId: "no-such-tip-000000", policeKeyId: "police-key-forward-0002", operatorId: "op", sealed, createdOn: "2026-11-29", policeReference: null })).toBe(false);
    expect(await db.policePackage.count()).toBe(before);
    expect((await db.tip.findUnique({ where: { id: open }, select: { status: true } }))?.status).toBe("received");
  });
});
