import { fromSodium, getSodium } from "./sodium";
import type { TKeyPair } from "./types";

/**
 * Creates a desk key pair (X25519, `crypto_box_keypair`), in the browser of the
 * operator who sets up the desk or rotates its key. The public key is published to
 * reporters' browsers and the server; tips are sealed to it. The private key must
 * leave this function only through `wrapDeskKey`, once per operator.
 *
 * Who can decrypt: whoever holds the private key opens every tip sealed to the public
 * key. Throws only if libsodium cannot load.
 */
export async function createDeskKeyPair(): Promise<TKeyPair> {
  const sodium = await getSodium();
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  return { publicKey: fromSodium(publicKey), privateKey: fromSodium(privateKey) };
}
