import { CryptoInputError } from "./errors";
import { getSodium } from "./sodium";
import type { TKeyPair } from "./types";

/**
 * The X25519 key pair whose private half is `privateKey` (crypto_scalarmult_base). For
 * tests and tools that must try a candidate key, such as an attacker's search through
 * stored bytes. Throws CryptoInputError unless the key is 32 bytes.
 */
export async function keyPairFromPrivateKey(privateKey: Uint8Array): Promise<TKeyPair> {
  if (privateKey.length !== 32) throw new CryptoInputError("private key must be 32 bytes");
  const sodium = await getSodium();
  return { publicKey: new Uint8Array(sodium.crypto_scalarmult_base(privateKey)), privateKey: new Uint8Array(privateKey) };
}
