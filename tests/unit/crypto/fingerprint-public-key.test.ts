import { describe, expect, it } from "vitest";
import { createOperatorKeys, fingerprintPublicKey } from "@/lib/crypto";

describe("fingerprintPublicKey", () => {
  it("gives 16 Crockford characters in four groups, the same for the same key and different for another", async () => {
    const a = await createOperatorKeys("een lange wachtzin voor a");
    const b = await createOperatorKeys("een lange wachtzin voor b");
    const fingerprint = await fingerprintPublicKey(a.publicKey);
    expect(fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}( [0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await fingerprintPublicKey(new Uint8Array(a.publicKey))).toBe(fingerprint);
    expect(await fingerprintPublicKey(b.publicKey)).not.toBe(fingerprint);
  });

  it("is pinned by known answers (checked against Python's hashlib.blake2b), so every browser computes the same text", async () => {
    expect(await fingerprintPublicKey(new Uint8Array(32))).toBe("ZW7J 4J9F 8JXC 9H5K");
    expect(await fingerprintPublicKey(new Uint8Array(32).fill(1))).toBe("R0TZ GMZW T3R5 H7HG");
    await expect(fingerprintPublicKey(new Uint8Array(31))).rejects.toThrow();
  });
});
