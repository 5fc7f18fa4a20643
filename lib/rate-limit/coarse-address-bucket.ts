import { isIP } from "node:net";

/**
 * The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d` in any spelling:
 * capitals, hex `::ffff:XXXX:XXXX`, written out), or null: such an address is an IPv4
 * client seen through a dual-stack socket or proxy, and must share its /24's bucket rather
 * than the one bucket every mapped address would otherwise fall into (their first 48 bits
 * are zero). The URL parser writes any IPv6 address in its one canonical form first.
 */
function ipv4OfMapped(address: string): string | null {
  // A scoped address (fe80::1%eth0) is IPv6 to isIP but not to the URL parser: never mapped.
  if (isIP(address) !== 6 || address.includes("%")) return null;
  const hex = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(new URL(`http://[${address}]`).hostname);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/**
 * A coarse bucket for an address, for rate limiting only: IPv4 by /24, IPv6 by /48, so
 * that a household or a small network shares a bucket and the bucket does not pin one
 * device. Takes the rightmost X-Forwarded-For entry: the one appended by the proxy in
 * front of the app (or by Next.js itself from the socket when no proxy sent one).
 * The result is only ever hashed with a secret key; it is never stored or logged.
 * Unparseable input gives "unknown", a bucket of its own.
 */
export function coarseAddressBucket(forwardedFor: string | null | undefined): string {
  const last = forwardedFor?.split(",").pop()?.trim().toLowerCase() ?? "";
  const address = ipv4OfMapped(last) ?? last;
  switch (isIP(address)) {
    case 4:
      return `v4:${address.split(".").slice(0, 3).join(".")}`;
    case 6: {
      const [head = "", tail = ""] = address.split("::");
      const left = head ? head.split(":") : [];
      const right = tail ? tail.split(":") : [];
      const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
      return `v6:${groups
        .slice(0, 3)
        .map((group) => parseInt(group || "0", 16).toString(16))
        .join(":")}`;
    }
    default:
      return "unknown";
  }
}
