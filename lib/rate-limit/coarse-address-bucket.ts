import { isIP } from "node:net";

/**
 * A coarse bucket for an address, for rate limiting only: IPv4 by /24, IPv6 by /48, so
 * that a household or a small network shares a bucket and the bucket does not pin one
 * device. Takes the rightmost X-Forwarded-For entry: the one appended by the proxy in
 * front of the app (or by Next.js itself from the socket when no proxy sent one).
 * The result is only ever hashed with a secret key; it is never stored or logged.
 * Unparseable input gives "unknown", a bucket of its own.
 */
export function coarseAddressBucket(forwardedFor: string | null | undefined): string {
  const last = forwardedFor?.split(",").pop()?.trim() ?? "";
  const address = last.startsWith("::ffff:") && isIP(last.slice(7)) === 4 ? last.slice(7) : last;
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
