/** An X25519 key pair as libsodium's crypto_box uses it: two 32-byte keys. */
export interface TKeyPair {
  publicKey: Uint8Array<ArrayBuffer>;
  privateKey: Uint8Array<ArrayBuffer>;
}
