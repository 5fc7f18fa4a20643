// The operator's inbox, decrypted in the browser: what an operator notices is which tips
// a filter or a search leaves in the list, how many each status has, and which tips
// stand out. Tips are real: parsed by the one tip schema, as the desk opens them.
import { describe, expect, it } from "vitest";

import { TIP_STATUSES, type TTipStatus } from "@/lib/follow-up/types";
import { ACUTE_SIGNALS } from "@/lib/inbox/acute-signals";
import { countByStatus } from "@/lib/inbox/count-by-status";
import { filterTips } from "@/lib/inbox/filter-tips";
import type { TInboxTip, TTipChannel } from "@/lib/inbox/inbox-tip";
import { isUrgent } from "@/lib/inbox/is-urgent";
import { matchesQuery, normaliseForSearch } from "@/lib/inbox/match-query";
import { sortTips } from "@/lib/inbox/sort-tips";
import { ADULT_SIGNALS, ALL_SIGNALS } from "@/lib/tips/signals";
import { ZTip, type TTipInput } from "@/lib/tips/tip-schema";

type TRow = TInboxTip & { row: { id: string; status: string; receivedOn: string; assignedOperatorId?: string | null } };

function opened(id: string, status: TTipStatus, receivedOn: string, channel: TTipChannel, tip: TTipInput): TRow {
  return { row: { id, status, receivedOn }, envelope: { channel, tip: ZTip.parse(tip) } };
}

function unreadable(id: string, status: TTipStatus, receivedOn: string): TRow {
  return { row: { id, status, receivedOn }, envelope: null };
}

const ids = (tips: readonly TRow[]) => tips.map((tip) => tip.row.id);

// Server order: newest day first, then by id.
const adult = opened("adult", "received", "2025-03-03", "web", {
  subject: "adult",
  signals: ["extreme-hours", "no-condom"],
  adult: { workplace: "Kelderbox Industrieweg 12", ads: [{ url: "https://www.example.nl/advertentie/123", adNumber: "AD-4471" }] },
  seenOrHeard: "De cliënt werd 's nachts opgehaald door een man in een blauwe Golf.",
});
const lost = unreadable("lost", "received", "2025-03-03");
const minor = opened("minor", "in_progress", "2025-03-02", "phone", {
  subject: "minor",
  signals: ["truancy"],
  minor: { residence: "Stationsplein, Zwolle", phones: ["06 12345678"], addressStability: "moves-often" },
  suspects: [{ name: "Rocco", vehicles: ["zwarte scooter"], description: "Noemt zichzelf haar vriendje" }],
});
const possibleMinor = opened("possible-minor", "forwarded", "2025-03-01", "web", {
  subject: "adult",
  signals: ["possibly-minor"],
  minor: { age: "15" },
  suspects: [{ name: "Jörg", phones: ["+31 6 87654321"], address: "Havenstraat 3" }],
});
const injured = opened("injured", "closed", "2025-02-28", "phone", {
  subject: "adult",
  signals: ["visible-injuries"],
  adult: { origin: "Roemenië", plates: ["12-ABC-3"] },
});
const TIPS: readonly TRow[] = [adult, lost, minor, possibleMinor, injured];

describe("filterTips — the filters", () => {
  it("keeps every tip, in the order given, when nothing is filtered", () => {
    expect(ids(filterTips(TIPS, {}))).toEqual(["adult", "lost", "minor", "possible-minor", "injured"]);
    expect(ids(filterTips(TIPS, { status: "all", subject: "all", channel: "all", from: "", to: "", query: "  " }))).toEqual(ids(TIPS));
  });

  it("filters by status", () => {
    expect(ids(filterTips(TIPS, { status: "received" }))).toEqual(["adult", "lost"]);
    expect(ids(filterTips(TIPS, { status: "in_progress" }))).toEqual(["minor"]);
    expect(ids(filterTips(TIPS, { status: "forwarded" }))).toEqual(["possible-minor"]);
    expect(ids(filterTips(TIPS, { status: "closed" }))).toEqual(["injured"]);
  });

  it("counts a possible minor as a minor, and leaves unreadable tips out of the subject filter", () => {
    expect(ids(filterTips(TIPS, { subject: "minor" }))).toEqual(["minor", "possible-minor"]);
    expect(ids(filterTips(TIPS, { subject: "adult" }))).toEqual(["adult", "injured"]);
  });

  it("filters by channel, leaving unreadable tips out", () => {
    expect(ids(filterTips(TIPS, { channel: "web" }))).toEqual(["adult", "possible-minor"]);
    expect(ids(filterTips(TIPS, { channel: "phone" }))).toEqual(["minor", "injured"]);
  });

  it("filters by received day, both bounds inclusive", () => {
    expect(ids(filterTips(TIPS, { from: "2025-03-02" }))).toEqual(["adult", "lost", "minor"]);
    expect(ids(filterTips(TIPS, { to: "2025-03-01" }))).toEqual(["possible-minor", "injured"]);
    expect(ids(filterTips(TIPS, { from: "2025-03-01", to: "2025-03-02" }))).toEqual(["minor", "possible-minor"]);
    expect(ids(filterTips(TIPS, { from: "2025-03-02", to: "2025-03-02" }))).toEqual(["minor"]);
    expect(filterTips(TIPS, { from: "2025-03-03", to: "2025-03-01" })).toEqual([]);
  });

  it("filters by assignee: one operator's tips, or those nobody has taken on", () => {
    const assigned = TIPS.map((tip, index) => ({ ...tip, row: { ...tip.row, assignedOperatorId: index % 2 === 0 ? "op-anna-0000000000" : null } }));
    expect(ids(filterTips(assigned, { assignee: "op-anna-0000000000" }))).toEqual(ids(TIPS.filter((_, index) => index % 2 === 0)));
    expect(ids(filterTips(assigned, { assignee: "unassigned" }))).toEqual(ids(TIPS.filter((_, index) => index % 2 === 1)));
    expect(ids(filterTips(assigned, { assignee: "all" }))).toEqual(ids(TIPS));
    expect(filterTips(assigned, { assignee: "op-someone-else-000" })).toEqual([]);
  });

  it("ignores a day bound that is not YYYY-MM-DD instead of hiding everything", () => {
    expect(ids(filterTips(TIPS, { from: "3 maart", to: "gisteren" }))).toEqual(ids(TIPS));
  });

  it("combines filters: every one must pass", () => {
    expect(ids(filterTips(TIPS, { subject: "minor", channel: "web" }))).toEqual(["possible-minor"]);
    expect(ids(filterTips(TIPS, { status: "received", subject: "adult", query: "golf" }))).toEqual(["adult"]);
    expect(filterTips(TIPS, { status: "closed", subject: "minor" })).toEqual([]);
  });

  it("returns a new list and leaves the given one as it was", () => {
    const given = [...TIPS];
    const result = filterTips(given, {});
    expect(result).not.toBe(given);
    expect(given).toEqual(TIPS);
  });
});

describe("filterTips — search over the decrypted content", () => {
  it("finds text in the free text, the sections, list items, ads and suspects", () => {
    expect(ids(filterTips(TIPS, { query: "Kelderbox" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "AD-4471" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "example.nl/advertentie" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "stationsplein" }))).toEqual(["minor"]);
    expect(ids(filterTips(TIPS, { query: "612345678" }))).toEqual(["minor"]); // minor's own phone list, stored as E.164
    expect(ids(filterTips(TIPS, { query: "scooter" }))).toEqual(["minor"]); // a suspect's vehicle
    expect(ids(filterTips(TIPS, { query: "havenstraat" }))).toEqual(["possible-minor"]); // a suspect's address
    expect(ids(filterTips(TIPS, { query: "687654321" }))).toEqual(["possible-minor"]); // a suspect's phone
    expect(ids(filterTips(TIPS, { query: "12-ABC-3" }))).toEqual(["injured"]); // a plate
  });

  it("ignores case and diacritics on both sides", () => {
    expect(ids(filterTips(TIPS, { query: "client" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "CLIËNT" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "jorg" }))).toEqual(["possible-minor"]);
    expect(ids(filterTips(TIPS, { query: "roemenie" }))).toEqual(["injured"]);
    expect(ids(filterTips(TIPS, { query: "Roemenië" }))).toEqual(["injured"]);
    // A decomposed "ë" (e + U+0308) typed or pasted is the same letter.
    expect(ids(filterTips(TIPS, { query: "clie\u0308nt" }))).toEqual(["adult"]);
    expect(normaliseForSearch("Cliënt ÇA Ångström")).toBe("client ca angstrom");
  });

  it("needs every term, wherever each one occurs in the tip", () => {
    expect(ids(filterTips(TIPS, { query: "kelderbox golf" }))).toEqual(["adult"]); // workplace and free text
    expect(ids(filterTips(TIPS, { query: "  rocco \t zwolle\n" }))).toEqual(["minor"]); // suspect and section
    expect(filterTips(TIPS, { query: "kelderbox rocco" })).toEqual([]);
    expect(filterTips(TIPS, { query: "golf zwart" })).toEqual([]);
  });

  it("does not search coded choices: subject, signal ids, address stability", () => {
    expect(filterTips(TIPS, { query: "visible" })).toEqual([]);
    expect(filterTips(TIPS, { query: "injuries" })).toEqual([]);
    expect(filterTips(TIPS, { query: "moves-often" })).toEqual([]);
    expect(filterTips(TIPS, { query: "minor" })).toEqual([]);
  });

  it("lets an unreadable tip match only an empty query", () => {
    expect(matchesQuery(lost, "")).toBe(true);
    expect(matchesQuery(lost, " \n ")).toBe(true);
    expect(matchesQuery(lost, "kelderbox")).toBe(false);
    expect(matchesQuery(lost, "a")).toBe(false);
    expect(ids(filterTips(TIPS, { query: "e" }))).not.toContain("lost");
  });

  it("gives the same answer when searched again (the normalised text is cached per tip)", () => {
    expect(ids(filterTips(TIPS, { query: "golf" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "golf" }))).toEqual(["adult"]);
    expect(ids(filterTips(TIPS, { query: "zwolle" }))).toEqual(["minor"]);
  });
});

describe("countByStatus", () => {
  it("counts every tip per status, readable or not, with zero for empty statuses", () => {
    expect(countByStatus(TIPS)).toEqual({ received: 2, in_progress: 1, forwarded: 1, closed: 1 });
    expect(countByStatus([])).toEqual({ received: 0, in_progress: 0, forwarded: 0, closed: 0 });
    expect(Object.keys(countByStatus([adult]))).toEqual([...TIP_STATUSES]);
  });

  it("does not count a status outside the workflow", () => {
    const odd: TRow = { row: { id: "odd", status: "archived", receivedOn: "2025-03-03" }, envelope: null };
    const proto: TRow = { row: { id: "proto", status: "toString", receivedOn: "2025-03-03" }, envelope: null };
    expect(countByStatus([odd, proto, adult])).toEqual({ received: 1, in_progress: 0, forwarded: 0, closed: 0 });
  });
});

describe("isUrgent and ACUTE_SIGNALS", () => {
  it("marks tips about a minor or a possible minor", () => {
    expect(isUrgent(minor)).toBe(true);
    expect(isUrgent(possibleMinor)).toBe(true);
    expect(isUrgent(opened("pm", "received", "2025-03-03", "web", { subject: "adult", possiblyMinor: true, seenOrHeard: "x" }))).toBe(true);
    expect(isUrgent(opened("m", "received", "2025-03-03", "web", { subject: "minor", seenOrHeard: "x" }))).toBe(true);
  });

  it("marks an adult tip with any one acute signal", () => {
    expect(isUrgent(injured)).toBe(true);
    for (const signal of ACUTE_SIGNALS.filter((id) => (ADULT_SIGNALS as readonly string[]).includes(id))) {
      expect(isUrgent(opened(signal, "received", "2025-03-03", "web", { subject: "adult", signals: [signal], seenOrHeard: "x" })), signal).toBe(true);
    }
  });

  it("does not mark an adult tip without acute signals, however many others it has", () => {
    expect(isUrgent(adult)).toBe(false);
    const others = ADULT_SIGNALS.filter((id) => id !== "possibly-minor" && !(ACUTE_SIGNALS as readonly string[]).includes(id));
    expect(others.length).toBeGreaterThan(8);
    expect(isUrgent(opened("others", "received", "2025-03-03", "web", { subject: "adult", signals: others, seenOrHeard: "x" }))).toBe(false);
  });

  it("does not mark an unreadable tip", () => {
    expect(isUrgent(lost)).toBe(false);
  });

  it("lists only real signal ids, without the possibly-minor one (that is the minor rule) and without duplicates", () => {
    for (const id of ACUTE_SIGNALS) expect(ALL_SIGNALS).toContain(id);
    expect(ACUTE_SIGNALS).not.toContain("possibly-minor");
    expect(new Set(ACUTE_SIGNALS).size).toBe(ACUTE_SIGNALS.length);
  });
});

describe("sortTips", () => {
  it("newest: newest day first, keeping the server's order within a day", () => {
    const shuffled = [injured, minor, adult, possibleMinor, lost];
    expect(ids(sortTips(shuffled, "newest"))).toEqual(["adult", "lost", "minor", "possible-minor", "injured"]);
    expect(ids(sortTips(TIPS, "newest"))).toEqual(ids(TIPS));
  });

  it("urgent-first: urgent tips above the others, each group newest day first", () => {
    expect(ids(sortTips(TIPS, "urgent-first"))).toEqual(["minor", "possible-minor", "injured", "adult", "lost"]);
  });

  it("returns a new list and leaves the given one as it was", () => {
    const given = [...TIPS];
    const result = sortTips(given, "urgent-first");
    expect(result).not.toBe(given);
    expect(ids(given)).toEqual(ids(TIPS));
  });
});
