import { expect } from "vitest";

import { OpenError } from "@/lib/crypto";

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** Bytes 0x00, 0x01, … — a fixed, obviously-not-random input for known-answer tests. */
export function sequence(length: number, start = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

export function withByteFlipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

/** A named region of a blob, [start, end) in bytes. */
export interface Region {
  name: string;
  start: number;
  end: number;
}

/**
 * The tamper cases every opener must reject with OpenError: the first and the last
 * byte of each region flipped, one byte cut off, everything cut off, one byte added.
 */
export function tamperCases(blob: Uint8Array, regions: Region[]): Array<[string, Uint8Array]> {
  const cases: Array<[string, Uint8Array]> = [];
  for (const region of regions) {
    cases.push([`flipped first byte of ${region.name}`, withByteFlipped(blob, region.start)]);
    if (region.end - region.start > 1) {
      cases.push([`flipped last byte of ${region.name}`, withByteFlipped(blob, region.end - 1)]);
    }
  }
  const extended = new Uint8Array(blob.length + 1);
  extended.set(blob);
  cases.push(["truncated by 1 byte", blob.slice(0, -1)]);
  cases.push(["truncated to 0 bytes", new Uint8Array(0)]);
  cases.push(["extended by 1 byte", extended]);
  return cases;
}

/** Asserts that the promise rejects with exactly OpenError and its generic message. */
export async function expectOpenError(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, "expected the promise to reject").toBeDefined();
  expect(Object.getPrototypeOf(error)).toBe(OpenError.prototype);
  expect((error as OpenError).message).toBe("cannot open");
}
