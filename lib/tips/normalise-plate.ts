/** Longest input accepted before separators are removed. */
export const MAX_PLATE_INPUT_LENGTH = 20;

/**
 * Dutch sidecodes 1–14 (RDW), as letter/digit patterns of the six characters with the
 * group sizes used to place the dashes. L = letter, D = digit.
 */
const DUTCH_SIDECODES: readonly { pattern: string; groups: readonly [number, number, number] }[] = [
  { pattern: "LLDDDD", groups: [2, 2, 2] }, // 1  XX-99-99
  { pattern: "DDDDLL", groups: [2, 2, 2] }, // 2  99-99-XX
  { pattern: "DDLLDD", groups: [2, 2, 2] }, // 3  99-XX-99
  { pattern: "LLDDLL", groups: [2, 2, 2] }, // 4  XX-99-XX
  { pattern: "LLLLDD", groups: [2, 2, 2] }, // 5  XX-XX-99
  { pattern: "DDLLLL", groups: [2, 2, 2] }, // 6  99-XX-XX
  { pattern: "DDLLLD", groups: [2, 3, 1] }, // 7  99-XXX-9
  { pattern: "DLLLDD", groups: [1, 3, 2] }, // 8  9-XXX-99
  { pattern: "LLDDDL", groups: [2, 3, 1] }, // 9  XX-999-X
  { pattern: "LDDDLL", groups: [1, 3, 2] }, // 10 X-999-XX
  { pattern: "LLLDDL", groups: [3, 2, 1] }, // 11 XXX-99-X
  { pattern: "LDDLLL", groups: [1, 2, 3] }, // 12 X-99-XXX
  { pattern: "DLLDDD", groups: [1, 2, 3] }, // 13 9-XX-999
  { pattern: "DDDLLD", groups: [3, 2, 1] }, // 14 999-XX-9
];

/**
 * Formats six uppercase alphanumerics as a Dutch plate (`12ABC3` → `12-ABC-3`) when they
 * fit one of the sidecodes 1–14; otherwise `undefined`.
 */
function formatDutch(compact: string): string | undefined {
  if (!/^[A-Z0-9]{6}$/.test(compact)) return undefined;
  const shape = compact.replace(/[A-Z]/g, "L").replace(/[0-9]/g, "D");
  const sidecode = DUTCH_SIDECODES.find((s) => s.pattern === shape);
  if (!sidecode) return undefined;
  const [a, b] = sidecode.groups;
  return `${compact.slice(0, a)}-${compact.slice(a, a + b)}-${compact.slice(a + b)}`;
}

/**
 * Normalises a licence plate as a reporter types it.
 *
 * Uppercases, removes spaces, dots, dashes and middle dots, and writes Dutch plates (all
 * sidecodes 1–14) in their dashed form: `12abc3` → `12-ABC-3`, `xx99xx` → `XX-99-XX`.
 * Plates that fit no Dutch sidecode are kept as uppercase letters and digits (`B AB 1234`
 * → `BAB1234`); letters with diacritics (German, Scandinavian plates) are kept.
 *
 * Fails for empty input, any other character, fewer than 2 or more than 10 characters,
 * and for text without a digit (a description such as "witte bus" is not a plate; every
 * plate format this line sees carries at least one digit). Idempotent.
 *
 * @returns `{ ok: true, plate, dutch }` or `{ ok: false }`.
 */
export function normalisePlate(input: string): { ok: true; plate: string; dutch: boolean } | { ok: false } {
  if (typeof input !== "string" || input.length > MAX_PLATE_INPUT_LENGTH) return { ok: false };
  const compact = input
    .normalize("NFC")
    .toUpperCase()
    .replace(/[\s.\-\u00b7\u2010-\u2015]/g, "");
  if (!/^[\p{Lu}0-9]{2,10}$/u.test(compact) || !/[0-9]/.test(compact)) return { ok: false };
  const dutch = formatDutch(compact);
  return dutch === undefined ? { ok: true, plate: compact, dutch: false } : { ok: true, plate: dutch, dutch: true };
}
