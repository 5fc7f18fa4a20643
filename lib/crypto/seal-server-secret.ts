import { CryptoInputError, OpenError } from "./errors";
import { fromSodium, getSodium } from "./sodium";

/**
 * Seals a small secret the server itself must use again later (an operator's TOTP secret)
 * under one of its own keys: a random 24-byte nonce ‖ `crypto_secretbox_easy`
 * (XSalsa20-Poly1305). A database dump without TIPLINE_SECRET_KEY reveals nothing of it.
 *
 * Who can decrypt: the server, with the same key. Never use this for anything of a tip's:
 * those are sealed to keys the server does not hold.
 *
 * Throws `CryptoInputError` for a key that is not 32 bytes.
 */
export async function sealServerSecret(key: Uint8Array, secret: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (key.length !== 32) throw new CryptoInputError("server key must be 32 bytes");
  const sodium = await getSodium();
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const box = sodium.crypto_secretbox_easy(secret, nonce, key);
  const sealed = new Uint8Array(nonce.length + box.length);
  sealed.set(nonce);
  sealed.set(box, nonce.length);
  return fromSodium(sealed);
}

/** Opens what `sealServerSecret` sealed. Throws `OpenError` for a wrong key or any altered byte. */
export async function openServerSecret(key: Uint8Array, sealed: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (key.length !== 32) throw new CryptoInputError("server key must be 32 bytes");
  const sodium = await getSodium();
  if (sealed.length < sodium.crypto_secretbox_NONCEBYTES + sodium.crypto_secretbox_MACBYTES) throw new OpenError();
  try {
    return fromSodium(sodium.crypto_secretbox_open_easy(sealed.subarray(sodium.crypto_secretbox_NONCEBYTES), sealed.subarray(0, sodium.crypto_secretbox_NONCEBYTES), key));
  } catch {
    throw new OpenError();
  }
}
