// Milliseconds per call of the crypto facade's costly operations, in this process
// (Node, libsodium compiled to WebAssembly — the same build browsers run), and the
// server's receipt derivation (lib/crypto/server.ts: libsodium's native build when it loads).
// Figures only, no assertions, and one JSON line last: `npm run bench:crypto`.
// RECEIPT_KDF's target is ~100 derivations/s on 2 server cores, i.e. ≲ 20 ms each.

import {
  createDeskKeyPair,
  deriveOperatorSecrets,
  deriveReporterKeys,
  fromBase64Url,
  generateReceiptCode,
  OPERATOR_KDF,
  openTip,
  RECEIPT_KDF,
  sealTip,
  toBase64Url,
} from "@/lib/crypto";
import { deriveReporterKeysWithBuild, serverArgon2idChoice } from "@/lib/crypto/server";

const results: { operation: string; msPerCall: number; userMsPerCall: number; kernelMsPerCall: number; runs: number }[] = [];

/**
 * Wall time per call, and this process's CPU per call split into user and kernel time.
 * The split shows what a CPU's figure is made of: libsodium's native Argon2id maps fresh
 * memory for every call and unmaps it after, and on some machines here that kernel work
 * was almost half of the call.
 */
async function measure(label: string, runs: number, operation: () => Promise<unknown>): Promise<void> {
  await operation(); // warm-up: loads libsodium, grows WebAssembly memory
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) await operation();
  const perCall = (performance.now() - started) / runs;
  const used = process.cpuUsage(cpu);
  const [userMsPerCall, kernelMsPerCall] = [used.user / 1000 / runs, used.system / 1000 / runs];
  results.push({ operation: label, msPerCall: perCall, userMsPerCall, kernelMsPerCall, runs });
  console.log(
    `${label.padEnd(48)} ${perCall.toFixed(2).padStart(9)} ms   (${runs} runs, ${(1000 / perCall).toFixed(1)}/s; CPU user ${userMsPerCall.toFixed(2)} ms, kernel ${kernelMsPerCall.toFixed(2)} ms)`,
  );
}

async function main(): Promise<void> {
  const desk = await createDeskKeyPair();
  // A 2 KB tip: a few short fields and a long free-text description.
  const tip = {
    role: "nurse",
    region: "Utrecht",
    seenOn: "2025-11-03",
    description: "x".repeat(2000 - 80),
  };
  const sealed = await sealTip(desk.publicKey, tip);
  const code = generateReceiptCode();
  const salt = crypto.getRandomValues(new Uint8Array(16));

  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`tip JSON ${JSON.stringify(tip).length} bytes → sealed ${sealed.length} bytes`);
  await measure("sealTip (2 KB tip)", 200, () => sealTip(desk.publicKey, tip));
  await measure("openTip (2 KB tip)", 200, () => openTip(desk, sealed));
  // A browser-sealed tip arrives as base64url: the server decodes it once per submission,
  // the reporter's browser encodes it once. (The operator's inbox sends blobs as bytes.)
  const sealedText = toBase64Url(sealed);
  await measure(`toBase64Url (sealed tip, ${sealed.length} bytes)`, 2000, async () => toBase64Url(sealed));
  await measure(`fromBase64Url (sealed tip, ${sealedText.length} characters)`, 2000, async () => fromBase64Url(sealedText));
  await measure(
    `deriveReporterKeys (Argon2id t=${RECEIPT_KDF.opslimit}, ${RECEIPT_KDF.memlimit / 2 ** 20} MiB)`,
    30,
    () => deriveReporterKeys(code),
  );
  // The server times both builds at its first derivation and keeps the faster on this CPU.
  const choice = await serverArgon2idChoice();
  for (const build of ["native", "wasm"] as const) {
    if (build === "native" && !choice.nativeLoaded) continue;
    await measure(
      `server's ${build === "native" ? "native" : "WebAssembly"} build${choice.backend === build ? " (chosen; no-JavaScript path)" : ""}`,
      100,
      () => deriveReporterKeysWithBuild(code, build),
    );
  }
  await measure(
    `deriveOperatorSecrets (Argon2id t=${OPERATOR_KDF.opslimit}, ${OPERATOR_KDF.memlimit / 2 ** 20} MiB)`,
    5,
    () => deriveOperatorSecrets("correct horse battery staple", salt),
  );
  console.log(JSON.stringify({ benchmark: "crypto-primitives", results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
