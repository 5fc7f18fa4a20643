/**
 * A caller handed the crypto boundary something malformed: a key of the wrong
 * length, a receipt code that is not one, a message too large for the biggest
 * padding bucket. The message names what was wrong with the *shape* of the input,
 * never its contents, so it is safe to log.
 */
export class CryptoInputError extends Error {
  override name = "CryptoInputError";
}

/**
 * Something sealed or wrapped could not be opened. Deliberately says nothing about
 * why (wrong key, altered byte, truncation, bad padding, unknown version, not JSON):
 * distinct failures would give whoever feeds us ciphertexts an oracle.
 */
export class OpenError extends Error {
  override name = "OpenError";

  constructor() {
    super("cannot open");
  }
}
