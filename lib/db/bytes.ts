/** A copy backed by a plain ArrayBuffer, the type Prisma's Bytes columns take. */
export function bytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value);
}
