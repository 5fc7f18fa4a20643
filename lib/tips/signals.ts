/**
 * The signals a reporter can tick, from the brochure's two lists, and how long they have
 * been seen. Ids are stable kebab-case: they end up in sealed tips, so never rename one;
 * the labels live in `messages/<locale>/tip.json` under `signals.labels.<id>`.
 */

/** "Ken je een prostituee die:" — signals of a (possible) victim in prostitution, brochure order. */
export const ADULT_SIGNALS = [
  "possibly-minor", // mogelijk minderjarig is
  "under-pressure", // erg onder druk staat (angstig)
  "visible-injuries", // zichtbare verwondingen heeft
  "controlling-pimp", // een pooier heeft die continu controle over haar heeft
  "no-passport", // haar paspoort niet zelf in bezit heeft
  "extreme-hours", // extreem lang moet werken
  "cannot-refuse-clients", // klanten niet kan weigeren
  "isolated-workplaces", // werkt op geïsoleerde plekken en in slechte omstandigheden
  "sleeps-at-workplace", // slaapt op de werkplek
  "no-address-no-key", // haar adres niet kent en geen sleutel heeft
  "hands-over-money", // veel geld moet afstaan
  "works-when-ill", // werkt als ze ziek is of na medische ingrepen
  "low-price", // werkt voor een te lage prijs
  "will-not-talk", // niet wil / kan praten
  "no-condom", // werkt zonder condoom
  "looks-unhealthy", // er ongezond uitziet
  "blackmailable", // chantabel is
] as const;

/** "Ken je een minderjarige die:" — signals of a possible minor victim, brochure order. */
export const MINOR_SIGNALS = [
  "easily-influenced", // beïnvloedbaar is (weinig zelfvertrouwen)
  "seems-indoctrinated", // geïndoctrineerd lijkt
  "isolates-herself", // zichzelf afzondert
  "runs-away", // vaak wegloopt en op straat hangt
  "sexually-transgressive", // seksueel overschrijdend gedrag vertoont (sexting)
  "physical-problems", // fysieke problemen heeft of vaak de Spoedeisende Hulp bezoekt
  "truancy", // veel spijbelt en slechte cijfers haalt
  "called-often", // vaak wordt gebeld
  "sudden-money", // ineens veel geld heeft
  "vague-about-free-time", // liegt en onduidelijk is over haar vrijetijdsbesteding
  "only-boyfriends-circle", // alleen contact heeft met haar vriend en zijn vriendenclub
  "afraid-of-boyfriend", // bang is voor haar vriend
  "drug-problems", // drugsproblemen heeft
  "criminal-behaviour", // crimineel gedrag vertoont (drugshandel)
  "changed-appearance", // qua uiterlijk sterk veranderd is
] as const;

/** Every signal id of both lists; the ids of the two lists never overlap. */
export const ALL_SIGNALS = [...ADULT_SIGNALS, ...MINOR_SIGNALS] as const;

/** How long the signals have been seen ("voor langere tijd" is what the brochure asks about). */
export const SIGNALS_SINCE = ["weeks", "months", "half-year-plus", "unknown"] as const;

export type TAdultSignal = (typeof ADULT_SIGNALS)[number];
export type TMinorSignal = (typeof MINOR_SIGNALS)[number];
export type TSignalId = (typeof ALL_SIGNALS)[number];
export type TSignalsSince = (typeof SIGNALS_SINCE)[number];

/** The signal that makes an adult tip also offer the minor section. */
export const POSSIBLY_MINOR_SIGNAL = "possibly-minor" satisfies TAdultSignal;
