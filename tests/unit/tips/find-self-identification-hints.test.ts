import { describe, expect, it } from "vitest";

import {
  CARE_ORGANISATIONS,
  findSelfIdentificationHints,
  findSelfIdentificationHintsInText,
  type THintKind,
} from "@/lib/tips/find-self-identification-hints";
import { ZTip } from "@/lib/tips/tip-schema";

const hints = (text: string) => findSelfIdentificationHintsInText(text).map((h) => [h.kind, h.match]);

describe("findSelfIdentificationHintsInText — positives", () => {
  it.each<[string, THintKind, string]>([
    // Dutch role phrases
    ["Ik ben haar mentor sinds 2022.", "role", "Ik ben haar mentor"],
    ["ik ben zijn vaste begeleider", "role", "ik ben zijn vaste begeleider"],
    ["Ik ben arts en zag de littekens.", "role", "Ik ben arts"],
    ["Dat vertelde mijn cliënte mij.", "role", "mijn cliënte"],
    ["Mijn client is 17.", "role", "Mijn client"],
    ["Het speelt bij ons op de groep.", "role", "bij ons op de groep"],
    ["Onze instelling weet ervan.", "role", "Onze instelling"],
    ["Als haar begeleider zie ik dat ze bang is.", "role", "Als haar begeleider"],
    ["Als haar mentor, maak ik me zorgen.", "role", "Als haar mentor"],
    ["Ik werk bij een opvang in het oosten.", "role", "Ik werk bij een opvang"],
    ["Mijn collega’s zagen het ook.", "role", "Mijn collega’s"],
    ["We begeleiden haar al twee jaar.", "role", "We begeleiden haar"],
    ["in mijn functie als wijkverpleegkundige", "role", "in mijn functie als wijkverpleegkundige"],
    // English role phrases
    ["I am her mentor.", "role", "I am her mentor"],
    ["I'm her support worker", "role", "I'm her support worker"],
    ["My client told me everything.", "role", "My client"],
    ["It happens at our shelter.", "role", "our shelter"],
    ["As her caseworker, I noticed bruises.", "role", "As her caseworker"],
    ["I work at a clinic.", "role", "I work at a clinic"],
    // meeting times
    ["Dat vertelde ze tijdens mijn spreekuur.", "meeting-time", "tijdens mijn spreekuur"],
    ["Ik zag haar vorige week op de poli.", "meeting-time", "Ik zag haar vorige week op de poli"],
    ["Ik heb haar gisteren gesproken.", "meeting-time", "Ik heb haar gisteren gesproken"],
    ["Gisteren zag ik haar met hem.", "meeting-time", "Gisteren zag ik haar"],
    ["Ze kwam bij mij op het spreekuur.", "meeting-time", "bij mij op het spreekuur"],
    ["During my consultation she cried.", "meeting-time", "During my consultation"],
    ["I saw her last Tuesday.", "meeting-time", "I saw her last Tuesday"],
    ["Yesterday, I met her at the station.", "meeting-time", "Yesterday, I met"],
    ["I have seen her on the 3rd of March", "meeting-time", "I have seen her on the 3rd of March"],
    // e-mail addresses
    ["Mail me: j.devries@example.nl", "email", "j.devries@example.nl"],
    ["schrijf naar naam [at] instelling.nl", "email", "naam [at] instelling.nl"],
    // organisations
    ["Ze is bekend bij Jeugdzorg.", "organisation", "Jeugdzorg"],
    ["Ze is bekend bij jeugdzorg.", "organisation", "jeugdzorg"],
    ["Ze heeft begeleiding van MEE.", "organisation", "MEE"],
    ["Ik ben consulent bij MEE-Veluwe.", "organisation", "MEE"],
    ["Het Leger des Heils vangt haar op.", "organisation", "Leger des Heils"],
    ["Veilig Thuis is ingeschakeld.", "organisation", "Veilig Thuis"],
    ["Ze woont bij Youké.", "organisation", "Youké"],
    ["Ze woont bij Youke.", "organisation", "Youke"],
    ["Ze is aangemeld bij Fier.", "organisation", "Fier"],
    ["De ggd weet ervan.", "organisation", "ggd"],
    ["Ze verblijft op een COA-locatie.", "organisation", "COA"],
    ["Ze is in behandeling bij GGZ inGeest.", "organisation", "GGZ inGeest"],
    ["William Schrikker Groep heeft de voogdij.", "organisation", "William Schrikker"],
    ["Zij woont bij 's Heeren Loo.", "organisation", "'s Heeren Loo"],
  ])("%j → %s %j", (text, kind, match) => {
    expect(hints(text)).toContainEqual([kind, match]);
  });

  it("gives offsets into the original text, also after letters with diacritics", () => {
    const text = "Mijn cliënte zegt dat Youké haar heeft aangemeld.";
    const found = findSelfIdentificationHintsInText(text);
    expect(found.length).toBe(2);
    for (const h of found) expect(text.slice(h.start, h.end)).toBe(h.match);
  });

  it("every organisation on the list is found in a sentence", () => {
    for (const { name } of CARE_ORGANISATIONS) {
      expect(hints(`Ze is bekend bij ${name}, zegt men.`)).toContainEqual(["organisation", name]);
    }
  });

  it("reports one hint for overlapping phrases of one kind, and no organisation inside an e-mail address", () => {
    expect(hints("j.devries@ggd-amsterdam.nl")).toEqual([["email", "j.devries@ggd-amsterdam.nl"]]);
    expect(hints("Ik zag haar gisteren tijdens mijn spreekuur.").filter(([k]) => k === "meeting-time")).toHaveLength(1);
  });
});

describe("findSelfIdentificationHintsInText — negatives", () => {
  it.each([
    "Ze ging mee met haar vriend.",
    "Mee naar huis, zei hij.",
    "Ze wilde niet mee-eten.",
    "Ze kwam veilig thuis.",
    "Ze liep fier rond in de club.",
    "Haar mentor weet van niets.",
    "Als haar begeleider er is, praat ze niet.",
    "Als haar begeleider belt, moet ze gaan.",
    "De cliënt betaalde 50 euro.",
    "Ze heeft vaste klanten.",
    "Ik ben bang dat het erger wordt.",
    "Mijn jongere zus zag het ook.",
    "Hij is een collega van haar vriend.",
    "Ze werkt in een kelderbox.",
    "Haar vriend noemt zich @loverboy123 op Snapchat.",
    "Ze heeft een coach die haar geld afpakt.",
    "Ze woont aan de Arkinstraat.",
    "Ik zag een advertentie op internet.",
    "Her clients pay cash.",
    "I am worried about her.",
    "In my opinion she is scared.",
    "In my case I would call.",
    "Her boyfriend saw her yesterday.",
    "Our concern is her safety.",
    "",
  ])("finds nothing in %j", (text) => {
    expect(hints(text)).toEqual([]);
  });
});

describe("findSelfIdentificationHints", () => {
  it("names the field of each hint with its dotted path, and leaves the victim's and suspects' data alone", () => {
    const tip = ZTip.parse({
      subject: "adult",
      adult: { workplace: "Hotel bij onze instelling", ads: [{ adNumber: "123" }, { adNumber: "mail: a@b.nl" }], age: "17" },
      suspects: [{ name: "Mo" }, { description: "Ik ben zijn behandelaar geweest." }],
      seenOrHeard: "Ze vertelde het tijdens mijn spreekuur. Haar vriend Mo regelt alles.",
    });
    const found = findSelfIdentificationHints(tip).map((h) => [h.field, h.kind, h.match]);
    expect(found).toEqual([
      ["adult.workplace", "role", "onze instelling"],
      ["adult.ads.1.adNumber", "email", "a@b.nl"],
      ["suspects.1.description", "role", "Ik ben zijn behandelaar"],
      ["seenOrHeard", "meeting-time", "tijdens mijn spreekuur"],
    ]);
  });

  it("returns nothing for a tip that does not point to its reporter", () => {
    const tip = ZTip.parse({ subject: "minor", minor: { age: "15", phones: ["06-12345678"] }, seenOrHeard: "Ze heeft ineens dure kleren." });
    expect(findSelfIdentificationHints(tip)).toEqual([]);
  });
});
