import { describe, expect, it } from "vitest";
import { localePath, LOCALES, splitLocalePath } from "@/lib/i18n/locales";

describe("splitLocalePath", () => {
  it("reads the language from the path's prefix and gives the path without it", () => {
    expect(splitLocalePath("/en/status")).toEqual({ locale: "en", path: "/status" });
    expect(splitLocalePath("/en")).toEqual({ locale: "en", path: "/" });
    expect(splitLocalePath("/status")).toEqual({ locale: "nl", path: "/status" });
    expect(splitLocalePath("/")).toEqual({ locale: "nl", path: "/" });
    // Only a whole segment is a prefix.
    expect(splitLocalePath("/english")).toEqual({ locale: "nl", path: "/english" });
  });

  it("undoes localePath for every locale", () => {
    for (const locale of LOCALES) {
      for (const path of ["/", "/melden", "/status/x"]) expect(splitLocalePath(localePath(locale, path))).toEqual({ locale, path });
    }
  });
});
