import { deriveOperatorSecrets, OPERATOR_SALT_BYTES } from "./derive-operator-secrets";
import { fromSodium, getSodium } from "./sodium";

/** What a new operator's browser produces at setup. Only `privateKey` must stay behind. */
export interface TNewOperatorKeys {
  /** 16 random bytes; stored by the server, handed back at login. */
  salt: Uint8Array<ArrayBuffer>;
  /** 32 bytes; sent to the server, which stores `hashAuthKey(authKey, serverKey)`. */
  authKey: Uint8Array<ArrayBuffer>;
  /** X25519, 32 bytes; stored by the server; grants of the desk key are sealed to it. */
  publicKey: Uint8Array<ArrayBuffer>;
  /** 72 bytes: 24-byte nonce ‖ secretbox(privateKey) under the unlock key; stored by the server. */
  wrappedPrivateKey: Uint8Array<ArrayBuffer>;
  /** X25519, 32 bytes; stays in this browser's memory, never sent. */
  privateKey: Uint8Array<ArrayBuffer>;
}

/**
 * Creates an operator's keys in their browser at setup: a random 16-byte salt,
 * `deriveOperatorSecrets` (Argon2id) from the passphrase, a fresh X25519 key pair
 * (`crypto_box_keypair`), and the private key wrapped as
 * `nonce(24) ‖ crypto_secretbox_easy(privateKey, nonce, unlockKey)`
 * (XSalsa20-Poly1305).
 *
 * Who can decrypt the wrapped key: only someone who knows the passphrase (through
 * `unlockOperatorKey`). The server keeps salt, verifier, public key and wrapped key,
 * and with them can test passphrase guesses offline at Argon2id cost per guess: the
 * passphrase is the operator's whole defence against a server compromise.
 *
 * Throws `CryptoInputError` for an empty passphrase.
 */
export async function createOperatorKeys(passphrase: string): Promise<TNewOperatorKeys> {
  const sodium = await getSodium();
  const salt = fromSodium(sodium.randombytes_buf(OPERATOR_SALT_BYTES));
  const { unlockKey, authKey } = await deriveOperatorSecrets(passphrase, salt);
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const box = sodium.crypto_secretbox_easy(privateKey, nonce, unlockKey);
  sodium.memzero(unlockKey);
  const wrappedPrivateKey = new Uint8Array(nonce.length + box.length);
  wrappedPrivateKey.set(nonce, 0);
  wrappedPrivateKey.set(box, nonce.length);
  return { salt, authKey, publicKey: fromSodium(publicKey), wrappedPrivateKey, privateKey: fromSodium(privateKey) };
}
