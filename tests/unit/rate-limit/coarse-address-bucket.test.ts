// The coarse address bucket decides which status checks share a rate limit. From an
// attacker's side: a guesser must not get a fresh bucket by changing the host part of
// their address, by spelling the same address differently, or by writing extra entries
// into X-Forwarded-For in front of the one the proxy appends; and from a reporter's side,
// different networks must not share one bucket.
import { describe, expect, it } from "vitest";
import { coarseAddressBucket } from "@/lib/rate-limit/coarse-address-bucket";

describe("coarseAddressBucket", () => {
  it("puts IPv4 addresses in their /24: the host part does not matter, the network does", () => {
    expect(coarseAddressBucket("203.0.113.9")).toBe("v4:203.0.113");
    expect(coarseAddressBucket("203.0.113.0")).toBe(coarseAddressBucket("203.0.113.255"));
    expect(coarseAddressBucket("203.0.113.9")).not.toBe(coarseAddressBucket("203.0.112.9"));
    expect(coarseAddressBucket("203.0.113.9")).not.toBe(coarseAddressBucket("203.1.113.9"));
    // An IPv4 address that reaches the app as IPv4-mapped IPv6 (a dual-stack socket) is the same bucket.
    expect(coarseAddressBucket("::ffff:203.0.113.77")).toBe("v4:203.0.113");
  });

  it("gives IPv4-mapped addresses their IPv4 /24 in every spelling, not one bucket shared by all IPv4 clients", () => {
    for (const spelling of ["::FFFF:203.0.113.77", "::ffff:cb00:714d", "::FFFF:CB00:714D", "0:0:0:0:0:ffff:cb00:714d", "0000:0000:0000:0000:0000:FFFF:203.0.113.77"]) {
      expect(coarseAddressBucket(spelling), spelling).toBe("v4:203.0.113");
    }
    expect(coarseAddressBucket("::ffff:c633:6404")).toBe("v4:198.51.100");
    expect(coarseAddressBucket("::ffff:c633:6404")).not.toBe(coarseAddressBucket("::ffff:cb00:714d"));
    // Not mapped: an IPv6 address that merely contains ffff stays IPv6.
    expect(coarseAddressBucket("2001:db8:ffff::1")).toBe("v6:2001:db8:ffff");
    expect(coarseAddressBucket("::ffff:0:cb00:714d")).toBe("v6:0:0:0");
    // A scoped link-local address is IPv6, and does not throw.
    expect(coarseAddressBucket("fe80::1%eth0")).toMatch(/^v6:|^unknown$/);
  });

  it("puts IPv6 addresses in their /48, whatever the spelling of the address", () => {
    expect(coarseAddressBucket("2001:db8:abcd:12::1")).toBe("v6:2001:db8:abcd");
    // Everything after the first 48 bits is the caller's to choose (a /64 per household
    // is common): none of it gives a fresh bucket.
    expect(coarseAddressBucket("2001:db8:abcd:ffff:ffff:ffff:ffff:ffff")).toBe("v6:2001:db8:abcd");
    expect(coarseAddressBucket("2001:db8:abcd::")).toBe("v6:2001:db8:abcd");
    // The same address written with leading zeros, in capitals, or with "::" elsewhere.
    expect(coarseAddressBucket("2001:0DB8:ABCD:0012:0000:0000:0000:0001")).toBe("v6:2001:db8:abcd");
    expect(coarseAddressBucket("2001:db8:0:0:0:0:0:1")).toBe(coarseAddressBucket("2001:db8::1"));
    expect(coarseAddressBucket("2001:db8::1")).toBe("v6:2001:db8:0");
    expect(coarseAddressBucket("::1")).toBe("v6:0:0:0");
    // Another /48 is another bucket.
    expect(coarseAddressBucket("2001:db8:abce::1")).not.toBe(coarseAddressBucket("2001:db8:abcd::1"));
    expect(coarseAddressBucket("2001:db9:abcd::1")).not.toBe(coarseAddressBucket("2001:db8:abcd::1"));
  });

  it("takes the rightmost X-Forwarded-For entry, the one the proxy in front appends", () => {
    expect(coarseAddressBucket("198.51.100.4, 203.0.113.9")).toBe("v4:203.0.113");
    expect(coarseAddressBucket("198.51.100.4,203.0.113.9")).toBe("v4:203.0.113");
    expect(coarseAddressBucket("  203.0.113.9  ")).toBe("v4:203.0.113");
    expect(coarseAddressBucket("198.51.100.4, 2001:db8:abcd::1")).toBe("v6:2001:db8:abcd");
  });

  it("gives a guesser no new bucket for extra entries spoofed in front of the proxy's", () => {
    const real = coarseAddressBucket("203.0.113.9");
    const spoofed = [
      "1.2.3.4, 203.0.113.9",
      "10.0.0.1, 172.16.0.1, 192.168.0.1, 203.0.113.9",
      "2001:db8:ffff::1, 203.0.113.9",
      "unknown, 203.0.113.9",
      "not an address at all, , ;;, 203.0.113.9",
      `${Array.from({ length: 200 }, (_, index) => `100.64.${index % 256}.1`).join(", ")}, 203.0.113.9`,
    ];
    for (const header of spoofed) expect(coarseAddressBucket(header), header).toBe(real);
    // And a changed spoofed part never changes the bucket: all of them land in one.
    expect(new Set(spoofed.map(coarseAddressBucket)).size).toBe(1);
  });

  it("puts anything that is not a bare address in the one shared unknown bucket", () => {
    for (const garbage of [
      null,
      undefined,
      "",
      " ",
      ",",
      "203.0.113.9, ",
      "localhost",
      "example.org",
      "203.0.113.9:443",
      "[2001:db8::1]:443",
      "[2001:db8::1]",
      "256.0.0.1",
      "203.0.113",
      "203.0.113.9.1",
      "2001:db8:::1",
      "2001:db8::1::2",
      "gggg::1",
      "<script>alert(1)</script>",
      "203.0.113.9\u0000",
      "x".repeat(10_000),
    ]) {
      expect(coarseAddressBucket(garbage), JSON.stringify(garbage)?.slice(0, 40)).toBe("unknown");
    }
  });

  it("never returns the address itself, only its network part", () => {
    for (const address of ["203.0.113.9", "2001:db8:abcd:12:34:56:78:9a"]) {
      const bucket = coarseAddressBucket(address);
      expect(bucket).not.toContain(address);
      expect(bucket).not.toMatch(/\.9$|:9a$/);
    }
  });
});
