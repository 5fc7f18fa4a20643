// The passphrase rule from an attacker's side: what a cracker tries first (password lists,
// dictionary words with digits, keyboard walks, the operator's own name, the line's name)
// is refused; long passphrases of ordinary words are accepted.
import { describe, expect, it } from "vitest";
import { checkPassphrase } from "@/lib/operators/check-passphrase";

describe("checkPassphrase", () => {
  it.each([
    "wachtwoord123456",
    "password1234",
    "qwertyuiop123",
    "iloveyou12345",
    "aaaaaaaaaaaa",
    "123456789012",
    "Welkom123456",
    "Summer2026!!!",
    "meldlijn2026!",
    "azertyuiop12",
  ])("refuses the common %s", async (passphrase) => {
    expect(await checkPassphrase(passphrase)).toEqual({ ok: false, error: "errors.passphraseCommon" });
  });

  it("refuses a passphrase built from the operator's own name", async () => {
    expect(await checkPassphrase("AnnadeVries1985", ["Anna de Vries", "AnnadeVries"])).toEqual({ ok: false, error: "errors.passphraseCommon" });
  });

  it("refuses anything shorter than 12 characters before looking further", async () => {
    expect(await checkPassphrase("k7#Vq!2zP9x")).toEqual({ ok: false, error: "errors.passphraseTooShort" });
  });

  it.each(["paarse olifant danst op het dak", "een lange geheime wachtzin voor de desk", "correct horse battery staple", "de poes zit op de rode mat"])(
    "accepts the long passphrase %s",
    async (passphrase) => {
      expect(await checkPassphrase(passphrase)).toEqual({ ok: true });
    },
  );
});
