import { describe, expect, it } from "vitest";

import {
  CARE_ORGANISATIONS,
  findSelfIdentificationHints,
  findSelfIdentificationHintsInText,
  HINT_KINDS,
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
});

// What the security review found missing: direct identifiers a reporter writes without
// thinking, and that an offender who reads the tip would recognise at once.
describe("findSelfIdentificationHintsInText — direct identifiers", () => {
  it.each<[string, THintKind, string]>([
    // Own name
    ["Mijn naam is Jan de Vries.", "own-name", "Mijn naam is Jan de Vries"],
    ["Mijn naam is Jan en ik werk in de buurt.", "own-name", "Mijn naam is Jan"],
    ["mijn naam: Fatima el Amrani", "own-name", "mijn naam: Fatima el Amrani"],
    ["Ik heet Anouk, ik woon naast haar.", "own-name", "Ik heet Anouk"],
    ["Met vriendelijke groet,\nJan de Vries", "own-name", "Met vriendelijke groet,\nJan de Vries"],
    ["My name is Jan.", "own-name", "My name is Jan"],
    ["My name's Anna Smith and I live nearby", "own-name", "My name's Anna Smith"],
    ["Kind regards,\nJohn Smith", "own-name", "Kind regards,\nJohn Smith"],
    // Own phone number, e-mail, address
    ["Bel me op 0612345678.", "own-contact", "Bel me op 0612345678"],
    ["bel mij gerust op 06 1234 5678", "own-contact", "bel mij gerust op 06 1234 5678"],
    ["mijn telefoonnummer is 06-12345678", "own-contact", "mijn telefoonnummer is 06-12345678"],
    ["Mijn 06-nummer: +31 6 12345678", "own-contact", "Mijn 06-nummer: +31 6 12345678"],
    ["Je kunt me bereiken op 0612345678.", "own-contact", "Je kunt me bereiken op 0612345678"],
    ["Stuur het naar mijn mailadres.", "own-contact", "mijn mailadres"],
    ["Neem gerust contact met me op.", "own-contact", "Neem gerust contact met me op"],
    ["my number is 07700 900123", "own-contact", "my number is 07700 900123"],
    ["Call me on +44 7700 900123.", "own-contact", "Call me on +44 7700 900123"],
    ["my email address is below", "own-contact", "my email address"],
    // Client "van mij", work
    ["Ze is een cliënte van mij.", "role", "cliënte van mij"],
    ["Ze is a client of mine.", "role", "client of mine"],
    ["Op mijn werk zag ik haar.", "role", "Op mijn werk"],
    ["Ik ken haar via mijn werk.", "role", "via mijn werk"],
    ["I saw her at my work.", "role", "at my work"],
    ["I know her through my work.", "role", "through my work"],
    // Compound roles
    ["Ik ben wijkverpleegkundige.", "role", "Ik ben wijkverpleegkundige"],
    ["Ik ben ambulant jeugdhulpverlener.", "role", "Ik ben ambulant jeugdhulpverlener"],
    ["ik ben straathoekwerker", "role", "ik ben straathoekwerker"],
    ["Ik ben gezinsbegeleider bij de gemeente.", "role", "Ik ben gezinsbegeleider"],
    ["Ik ben loopbaanmentor.", "role", "Ik ben loopbaanmentor"],
    ["Ik ben leefstijlcoach.", "role", "Ik ben leefstijlcoach"],
    ["Ik ben jeugdarts.", "role", "Ik ben jeugdarts"],
    ["Ik ben ggz-consulente.", "role", "Ik ben ggz-consulente"],
    ["Ik ben jeugdmaatschappelijk werker.", "role", "Ik ben jeugdmaatschappelijk werker"],
    ["Ik werk als wijkverpleegkundige.", "role", "Ik werk als wijkverpleegkundige"],
    ["Als wijkverpleegkundige zie ik veel.", "role", "Als wijkverpleegkundige"],
    // Relationships
    ["Ik ben haar buurvrouw.", "relationship", "Ik ben haar buurvrouw"],
    ["Ik ben haar tante.", "relationship", "Ik ben haar tante"],
    ["ik ben een vriendin van haar", "relationship", "ik ben een vriendin"],
    ["Wij zijn haar buren.", "relationship", "Wij zijn haar buren"],
    ["Ik ben haar juf.", "role", "Ik ben haar juf"],
    ["Ik ben haar docent.", "role", "Ik ben haar docent"],
    ["I am her neighbour.", "relationship", "I am her neighbour"],
    ["I'm her aunt.", "relationship", "I'm her aunt"],
    ["I am her teacher.", "role", "I am her teacher"],
  ])("%j → %s %j", (text, kind, match) => {
    expect(hints(text)).toContainEqual([kind, match]);
  });

  it("has a kind, with its own explanation, for a name, a way to reach the writer and a relationship", () => {
    expect(HINT_KINDS).toEqual(expect.arrayContaining(["own-name", "own-contact", "relationship"]));
  });

  it("highlights the whole number, so the reporter sees what to remove", () => {
    const text = "Ik ben Jan. Bel me op 06-1234 5678 als er iets is.";
    const [hint] = findSelfIdentificationHintsInText(text).filter((h) => h.kind === "own-contact");
    expect(hint?.match).toBe("Bel me op 06-1234 5678");
    expect(text.slice(hint?.start, hint?.end)).toBe(hint?.match);
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

  // The victim's and the suspects' names and numbers are what the desk needs: never flag them.
  it.each([
    "Haar nummer is 06-12345678.",
    "Haar naam is Lisa.",
    "Zijn naam is Rico.",
    "De pooier heet Rico.",
    "Hij heet Mo en belt haar steeds.",
    "Zijn nummer: 06-12345678",
    "Ze belde me op 0612345678.",
    "Ik heb haar nummer niet.",
    "Hij zei: bel me op 0612345678.",
    "Hij zei: “mijn naam is Rico”.",
    "In de advertentie staat: bel me op 0612345678",
    "Ze schreef 'bel me op 0612345678' onder de foto.",
    "Hij zegt ‘ik ben haar vriend’, maar hij is veel ouder.",
    "Mijn naam is niet belangrijk.",
    "Ik heet haar welkom.",
    "Ik zag de advertentie in mijn mail.",
    "Ze werkt op haar werk in de club.",
    "Ik ben haar kwijtgeraakt.",
    "Ik ben geen arts.",
    "Her number is 07700 900123.",
    "His name is Rico.",
    "The pimp is called Rico.",
    "He said: call me on 0612345678.",
    'The ad says "my name is Lisa, call me".',
    "I saw the ad on my phone.",
    "My name is not important.",
    "I am her only hope.",
  ])("finds no own name, contact or relationship in %j", (text) => {
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

  it("flags the reporter's own name and number but not the suspects' or the advertisement's", () => {
    const tip = ZTip.parse({
      subject: "adult",
      adult: { adNameAndPhone: "Lisa, bel me op 06-87654321. Mijn naam is Lisa.", ads: [{ adNumber: "Bel me: 0687654321" }] },
      suspects: [{ name: "Rico", phones: ["0611112222"], description: "Zijn naam is Rico, zijn nummer is 06-11112222." }],
      seenOrHeard: "De pooier heet Rico. Mijn naam is Jan de Vries, bel me op 0612345678. Ik ben haar buurvrouw.",
    });
    const found = findSelfIdentificationHints(tip).map((h) => [h.field, h.kind, h.match]);
    expect(found).toEqual([
      ["seenOrHeard", "own-name", "Mijn naam is Jan de Vries"],
      ["seenOrHeard", "own-contact", "bel me op 0612345678"],
      ["seenOrHeard", "relationship", "Ik ben haar buurvrouw"],
    ]);
  });

  it("still flags a role or an organisation in a field that copies an advertisement", () => {
    const tip = ZTip.parse({ subject: "adult", adult: { adNameAndPhone: "Lisa, via mijn werk bij de GGD gezien" } });
    expect(findSelfIdentificationHints(tip).map((h) => h.kind)).toEqual(["role", "organisation"]);
  });

  it("returns nothing for a tip that does not point to its reporter", () => {
    const tip = ZTip.parse({ subject: "minor", minor: { age: "15", phones: ["06-12345678"] }, seenOrHeard: "Ze heeft ineens dure kleren." });
    expect(findSelfIdentificationHints(tip)).toEqual([]);
  });
});
