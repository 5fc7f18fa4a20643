/** How deep a tip's JSON can legitimately nest (tip → suspects → suspect → phones → phone). */
const MAX_DEPTH = 8;
export const MAX_PAYLOAD_CHARS = 64 * 1024;

function depthWithin(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return false;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}

/**
 * The tip a no-JavaScript form carries between its steps (the review page's hidden
 * "payload"), parsed but not yet validated. Null for anything that is not a string of at
 * most 64 KiB holding JSON nested at most eight levels deep: an attacker's deeply nested
 * payload must not reach the schema or be rendered back.
 */
export function readTipPayload(payload: unknown): unknown {
  if (typeof payload !== "string" || payload.length > MAX_PAYLOAD_CHARS) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  return depthWithin(parsed, MAX_DEPTH) ? parsed : null;
}
