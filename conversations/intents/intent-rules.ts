/** The scored rules per intent: weighted Dutch and English phrases, plus how each slot counts for or against. */
import { compilePhrase, type Phrase } from "./phrase-match.js";
import type { IntentName, Slots } from "./understanding.js";

/** Intents the rules score; "answer" comes from bare replies and "unknown" from a low score. */
export type RuledIntent = Exclude<IntentName, "answer" | "unknown">;

/** A phrase and how much it says for an intent (negative: against it). */
export interface WeightedPhrase {
  phrase: Phrase;
  weight: number;
}

/** How one intent is recognised. */
export interface IntentRule {
  intent: RuledIntent;
  cues: readonly WeightedPhrase[];
  /** Cues that only count in a message of at most three words (a bare "hoi", not "hoi, waar is 1043"). */
  shortCues: readonly WeightedPhrase[];
  slotWeights: Partial<Record<keyof Slots, number>>;
  /** Without a word of the koppeling's domain the cues count half ("what is the capital of France"). */
  needsDomainWord: boolean;
}

type CueList = Readonly<Record<string, number>>;

function weigh(cues: CueList): WeightedPhrase[] {
  return Object.entries(cues).map(([source, weight]) => ({ phrase: compilePhrase(source), weight }));
}

type RuleOptions = Partial<Pick<IntentRule, "slotWeights" | "needsDomainWord">> & { short?: CueList };

function rule(intent: RuledIntent, cues: CueList, options: RuleOptions = {}): IntentRule {
  return {
    intent,
    cues: weigh(cues),
    shortCues: weigh(options.short ?? {}),
    slotWeights: options.slotWeights ?? {},
    needsDomainWord: options.needsDomainWord ?? false,
  };
}

/** "niet doorgezet", "nothing shows up": a negation near a word for transferring. */
function negatedTransfer(weight: number): CueList {
  const negations = ["niet", "niks", "niets", "nothing", "not", "never", "nooit", "geen"];
  const transfers = ["doorgezet", "doorzetten", "door", "doorkomen", "doorgekomen", "overgezet", "terecht", "naar",
    "transferred", "transferring", "synced", "syncing", "shows", "showing", "appear*", "through", "aangekomen", "arrived",
    "geboekt", "booked", "gestuurd", "verstuurd", "sent", "coming", "overgenomen", "verschijn*", "zichtbaar", "visible"];
  const pairs = negations.flatMap((negation) => transfers.map((transfer) => [`${negation} … ${transfer}`, weight]));
  return Object.fromEntries(pairs);
}

const chatPlace: CueList = { kanaal: 0.3, channel: 0.3, chat: 0.3, hier: 0.2, here: 0.2, groep: 0.2, group: 0.2 };
const digestWords: CueList = {
  "wekelijks*": 0.8, weekly: 0.8, weekupdate: 0.8, weekoverzicht: 0.8, weekrapport: 0.8, weekmail: 0.8, digest: 0.8,
  samenvatting: 0.6, summary: 0.6, overzicht: 0.3, update: 0.3, updates: 0.3, "elke week": 1.0, "iedere week": 1.0,
  "every week": 1.0, "each week": 1.0, rapport: 0.3, report: 0.2, berichten: 0.3, messages: 0.3,
};

/** The rules, one per intent. */
export const intentRules: readonly IntentRule[] = [
  rule("check_setup", {
    "goed ingesteld": 1.5, ingesteld: 0.8, "instelling*": 0.8, configuratie: 0.8, config: 0.6, configuration: 0.8,
    configured: 0.9, setup: 0.8, "set … up": 0.8, settings: 0.8, "goed staat": 0.6, "juist staat": 0.8,
    "alles … juist": 0.4, check: 0.5, checken: 0.6, "controleer*": 0.8, controle: 0.6, nalopen: 0.8, klopt: 0.4,
    kloppen: 0.4, "mis ik": 0.6, missing: 0.4, correct: 0.5, correctly: 0.5, right: 0.3, properly: 0.5,
    "niet ingevuld": 1.2, "blauwe knop": 0.8, "wijzigen klikken": 0.8, "anything missing": 0.6,
    "net … geinstalleerd": 0.5, "just installed": 0.5, checklist: 1.0, proefrun: 0.8, "dry run": 0.8,
    "check … koppeling": 0.6, "check … integration": 0.6, "alles gedaan": 0.6, "goed staan": 0.8, "mist … iets": 0.6,
    ontbreekt: 0.6, nakijken: 0.8, "klaar … gebruik": 0.8, ingevuld: 0.6, "klopt het": 0.4, installatie: 0.5,
    compleet: 0.6, volledig: 0.4, forgotten: 0.5, forget: 0.5, vergeten: 0.6, "iets … instellen": 0.8,
    "in te stellen": 0.8, instellen: 0.4, "moet ik nog iets": 0.6, "run a check": 0.6, geconfigureerd: 0.9,
    verify: 0.6, verifieren: 0.6, "staat alles goed": 1.4, "is alles goed ingesteld": 1.0, "all set up": 0.9,
  }, { slotWeights: { saleNumbers: -0.6 } }),
  rule("status", {
    status: 1.0, "hoe gaat het": 1.0, "hoe gaat": 0.5, "hoe staat het": 1.0, "hoe staat": 0.6, ervoor: 0.5,
    groen: 0.8, green: 0.8, bolletjes: 0.4, hoeveel: 0.6, "how many": 0.6, "how much": 0.4, overzicht: 0.6,
    overview: 0.6, draait: 0.9, loopt: 0.7, running: 0.9, doing: 0.6, "how is": 0.4, "how are things": 1.0,
    update: 0.4, sync: 0.3, werkt: 0.3, "in orde": 0.8, vandaag: 0.3, today: 0.3, "deze week": 0.3, "this week": 0.3,
    "deze maand": 0.3, "this month": 0.3, "laatste keer": 0.4, "last sync": 0.6, doorgezet: 0.3, transferred: 0.3,
    rapportage: 0.6, "stand van zaken": 1.2, "how did … go": 0.8, "hoe ging": 0.8, gelukt: 0.5, "laatste sync": 0.6,
    verwerkt: 0.3, processed: 0.3, "hoe is het gesteld": 1.2, "werkt … nog": 0.8, "how … going": 0.8,
    "everything … ok": 0.8, "alles … ok*": 0.8, "up to date": 0.8, bijgewerkt: 0.5,
  }, { slotWeights: { saleNumbers: -1.0, status: -0.6 } }),
  rule("list_errors", {
    "fouten*": 1.0, fout: 0.6, "foutmelding*": 1.0, foutenlijst: 0.4, errors: 0.9, error: 0.6, "geweigerd*": 1.0,
    "geweigerde verkopen": 0.8, "weiger*": 0.9, afgewezen: 0.9, afgekeurd: 0.9, rejected: 1.0, "rejection*": 1.0,
    failed: 0.9, failing: 0.7, mislukt: 0.8, "wat gaat er mis": 1.5, "wat is er mis": 1.5, "gaat … mis": 0.8,
    wrong: 0.8, "aan de hand": 0.5, problemen: 0.5, problems: 0.5, issues: 0.5, "laten zien": 0.3, show: 0.3,
    list: 0.3, lijst: 0.3, "keurt … af": 0.9, "keuren … af": 0.9, "refus*": 0.9, declined: 0.9, denied: 0.7,
    "niet gelukt": 0.9, "mis gegaan": 1.0, misgegaan: 1.0, "fout gegaan": 1.0, "went wrong": 1.0,
  }, { slotWeights: { saleNumbers: -0.6 } }),
  rule("explain_open", {
    "in open": 1.2, "tabblad open": 1.2, "open tab": 1.2, open: 0.4, "blijven hangen": 1.2, "blijft hangen": 1.2,
    hangen: 0.8, stuck: 1.0, vast: 0.6, erdoor: 0.5, "21 dagen": 0.5, "nog steeds niet": 0.8, "pakt … niet": 0.7,
    "niet … opgepakt": 0.8, "picked up": 0.6, "komen niet": 1.0, "komt niet": 1.0, "komen nooit": 1.0,
    "zie … geen": 0.8, "zie … niks": 0.8, "zie … niets": 0.8, "do not see": 0.8, "cannot see": 0.8,
    ...negatedTransfer(1.1),
  }, { slotWeights: { saleNumbers: -0.6 } }),
  rule("trace_sale", {
    "waar is": 0.5, "where is": 0.5, gebeurd: 0.4, happened: 0.4, opzoeken: 0.6, "zoek … op": 0.6, "look up": 0.6,
    lookup: 0.6, missing: 0.3, "al doorgezet": 0.4, transferred: 0.2, "staat niet in": 0.4, "er al in": 0.4,
    "klant belt": 0.3, trace: 1.0, track: 0.6, "wat is er met": 0.6, "what about": 0.4, "niet vinden": 0.5,
    "not find": 0.5, "hoe zit het met": 0.6,
  }, { slotWeights: { saleNumbers: 1.0 } }),
  rule("retry", {
    verwerk: 1.5, verwerken: 1.3, "herverwerk*": 1.5, opnieuw: 1.0, "nog een keer": 1.0, "nog eens": 0.8,
    nogmaals: 1.0, "probeer*": 0.5, proberen: 0.5, poging: 0.8, "retry*": 1.5, "try again": 1.3, again: 0.5,
    "resend*": 1.2, "push … through": 1.0, doorzetten: 0.5, "zet … door": 0.6, rerun: 1.0, "reprocess*": 1.5,
    "opnieuw doen": 0.3, "weer door": 0.8, "once more": 1.0, "one more time": 1.0, "resubmit*": 1.5,
    "another go": 1.0, "another try": 1.0, "nog een x": 1.0, "herstart*": 1.2, restart: 1.0, "run … again": 1.2,
  }, { slotWeights: { saleNumbers: 0.5, all: 0.3, cause: 0.2 } }),
  rule("report_problem", {
    "meld* … probleem": 2.0, "probleem melden": 2.0, melden: 0.8, meld: 1.0, support: 1.0, helpdesk: 1.2,
    klantenservice: 1.0, doorgeven: 0.8, "report*": 1.4, "escalat*": 1.5, ticket: 1.2, probleem: 0.4, problem: 0.4,
    "naar kijk*": 0.5, bekijken: 0.3, jullie: 0.3, "look into": 0.5, melding: 0.8, meekijken: 0.6,
    "ontwikkelaar*": 0.6, developers: 0.6, "let … know": 0.5,
  }, { slotWeights: { saleNumbers: 0.5, cause: 0.2 } }),
  rule("ignore", {
    "negeer*": 1.6, genegeerd: 1.6, "ignore*": 1.6, "met de hand": 0.9, handmatig: 0.9, manually: 0.9,
    "by hand": 0.9, "zelf geboekt": 1.0, "mag weg": 1.0, "mogen weg": 1.0, weghalen: 0.8, "haal … uit": 0.8,
    "staat er al in": 0.7, "staat al in": 0.7, "al geboekt": 0.8, "already booked": 1.0, "remove … from … list": 1.0,
    "verwijder … uit": 0.8, skip: 1.2, overslaan: 1.2, ingeboekt: 0.5, geboekt: 0.3, "laat … zitten": 0.8,
    "maar zitten": 0.6, "mark … done": 1.0, "weg ermee": 1.0, "zelf … ingevoerd": 1.0, "zelf … ingeboekt": 1.0,
    ingevoerd: 0.4, "already done": 0.8, "already did": 0.8, negeren: 1.6, "dismiss*": 1.4, ourselves: 0.6,
    "gooi … uit": 1.0, "uit de lijst": 0.8, "from the list": 0.8, "haal … weg": 1.0, "weg uit": 0.8,
  }, { slotWeights: { saleNumbers: 0.5 } }),
  rule("configure", {
    "vink* … aan": 1.5, aanvinken: 1.5, aangevinkt: 0.6, uitvinken: 1.5, "vink* … uit": 1.5, tick: 1.3, ticked: 1.3,
    ticking: 1.3, untick: 1.3, enable: 0.8, disable: 0.8, "zet … op": 0.6, "zet … aan": 0.8, "zet … uit": 0.8,
    "zet … naar": 0.6, "moet naar": 0.8, "moeten naar": 0.8, "moet op": 0.6, "naar grootboek": 0.8,
    "koppel … aan": 0.4, "koppelen aan": 0.4, map: 1.0, mappen: 1.0, set: 0.5, "use ledger": 0.6, "use … for": 0.5,
    aanpassen: 0.6, "wijzig*": 0.6, veranderen: 0.6, change: 0.6, "also transfer": 0.6, "ook doorzetten": 0.6,
    "btw code": 0.3, "vat code": 0.3, "in plaats van": 0.4, ipv: 0.4, "instead of": 0.4, "as well": 0.3,
    "put … on": 0.5, meenemen: 0.8, include: 0.6,
  }, { slotWeights: { vatRateBp: 0.6, ledgerCode: 0.8, status: 0.5, ledgerRole: 0.4, saleNumbers: -0.5 } }),
  rule("connect", {
    rood: 1.0, rode: 1.0, red: 1.0, "bolletje*": 0.5, "stip*": 0.5, dot: 0.5, verbinding: 0.8, connectie: 0.8,
    connection: 0.7, "opnieuw verbinden": 1.5, verbinden: 1.0, "opnieuw koppelen": 1.2, "koppel … opnieuw": 1.2,
    "reconnect*": 1.6, connect: 0.8, token: 0.7, verlopen: 0.7, expired: 0.8, "consumer key": 0.8, inloggen: 0.4,
    "werkt niet meer": 0.6, "doet het niet meer": 0.6, "is weg": 0.5, login: 0.4, "401": 0.8, unauthorized: 0.8,
    "niet gemachtigd": 0.8, "autoris*": 0.8, "authori*": 0.8, groen: -0.8, green: -0.8, "weer groen": 1.6,
    "green again": 1.6, "opnieuw … inloggen": 1.3, "moet inloggen": 0.8, "log in again": 1.3,
    "opnieuw … connect*": 1.3, "opnieuw … autoris*": 1.3, ingetrokken: 0.6, revoked: 0.8, verbroken: 1.0,
    disconnected: 1.0, "stopped working": 0.8, "api key*": 0.4,
  }, { slotWeights: { side: 0.4 } }),
  rule("link", {
    "koppel … kanaal": 1.5, "koppel … chat": 1.5, "koppel … channel": 1.5, "koppel … groep": 1.5,
    "koppel … server": 1.5, link: 1.0, licentiesleutel: 1.2, "licentie*": 0.8, license: 0.8, licence: 0.8,
    sleutel: 0.4, "connect … channel": 1.0, "connect … chat": 1.0, "verbind … kanaal": 1.2, "verbind … chat": 1.2,
    "add … channel": 1.0, "add … chat": 1.0, ...chatPlace,
  }, { slotWeights: { licenseKey: 1.5 } }),
  rule("unlink", {
    "ontkoppel*": 2.0, unlink: 2.0, disconnect: 1.5, loskoppelen: 2.0, "koppel … los": 1.5, "verwijder … link": 2.0,
    "verwijder … koppeling": 2.0, "remove … koppeling": 2.0, "remove … link": 2.0, "haal … koppeling … af": 1.5,
    "niet meer aan": 1.0, "hoeft niet meer": 0.8, "niet meer gekoppeld": 1.2, detach: 1.5, los: 0.8,
    "uit … halen": 1.0, "koppeling … uit": 0.6, "remove … channel": 1.5, "remove … chat": 1.5, "stop … link*": 2.0,
    ...chatPlace,
  }, { slotWeights: { licenseKey: 1.0 } }),
  rule("subscribe", {
    subscribe: 2.0, "abonneer*": 2.0, aanmelden: 1.0, inschrijven: 1.5, elke: 0.4, iedere: 0.4, every: 0.4,
    "stuur me": 0.5, "send me": 0.5, send: 0.2, post: 0.3, "turn on": 0.8, aanzetten: 0.8, "zet … aan": 0.8,
    enable: 0.5, ...digestWords, ...chatPlace,
  }, { slotWeights: { weekday: 0.8, hour: 0.4 } }),
  rule("unsubscribe", {
    unsubscribe: 2.5, uitschrijven: 2.0, afmelden: 1.5, opzeggen: 1.2, "geen … meer": 1.2, "niet meer": 0.6,
    stop: 0.5, stoppen: 0.8, "hou op": 1.0, "stop sending": 1.0, "no more": 1.2, anymore: 0.6, "any more": 0.6,
    "turn off": 1.2, uitzetten: 1.0, "zet … uit": 1.0, disable: 1.0, cancel: 1.0, "annuleer*": 1.0, ...digestWords,
    ...chatPlace,
  }),
  rule("howto", {
    hoe: 0.3, "hoe maak ik": 1.0, "hoe werkt": 2.0, "hoe doe ik": 1.0, "hoe kan ik": 0.8, "how do i": 1.0,
    "how does": 1.2, "how can i": 0.8, "how to": 1.0, "wat is": 0.8, "wat is een": 0.5, "wat zijn": 0.8,
    "what is": 0.8, "what are": 0.6, "wat doet": 1.8, "what does": 1.6, "wat betekent": 1.8, "what means": 1.5,
    mean: 0.8, betekenis: 1.0, "waarom moet": 1.2, "waarom zegt": 0.8, "why does": 0.6, "why do i need": 1.0,
    "waar vind ik": 1.5, "waar kan ik": 1.0, "where do i find": 1.5, "where can i": 1.0, handleiding: 1.0,
    manual: 1.0, uitleg: 0.8, "leg … uit": 1.0, explain: 0.6, "kan ik ook": 0.8, "can i also": 0.8,
    "worden … ook": 0.5, "oude bestellingen": 0.8, "old orders": 0.8, "older orders": 0.8,
    "voor de installatie": 0.8, "before … install*": 0.8, eigenlijk: 0.3, verschil: 0.8, difference: 0.8,
    "api sleutel": 0.5, "api key": 0.5, ondersteund: 0.6, supported: 0.6, "wat gebeurt": 0.6, "what happens": 0.6,
    "hoe stel ik": 1.0, "how do … work": 1.2, "how does … work": 0.4, "waar haal ik": 1.5, vandaan: 0.6,
    "where do i get": 1.5, "wat moet ik doen": 1.2, "what should i do": 1.2, "what do i do": 1.0, "moet ik": 0.6,
    "do i need": 0.6, "should i": 0.6, "hoe zit dat": 1.0, "hoe zit het": 0.6, "waarom mag": 1.2,
    "waarom kan ik": 1.0, "what does … do": 1.2, "wat doet … knop": 1.0,
  }, { needsDomainWord: true }),
  rule("help", {
    help: 1.5, hulp: 1.2, helpen: 0.8, "wat kun je": 1.5, "wat kan je": 1.5, "wat kunt ge": 1.5,
    "wat kan ik … vragen": 1.5, "what can you": 1.5, "what can i ask": 1.5, menu: 1.0, commands: 1.0,
    "commando*": 1.0, "wie ben je": 1.0, "who are you": 1.0, "wat kan … bot": 1.5, "wat kun jij": 1.5,
    "voor me doen": 0.8, "for me": 0.3, mogelijkheden: 1.0, features: 0.6, "wat … vragen": 1.0, "deze bot": 0.5,
    "this bot": 0.5, bot: 0.3, "bot … work": 1.0,
  }, {
    short: {
      "hoi*": 1.2, "hallo*": 1.2, hi: 1.2, hai: 1.2, "hey*": 1.2, heey: 1.2, hello: 1.2, hee: 1.2, heej: 1.2,
      hej: 1.2, hoy: 1.2, yo: 1.0, goedemorgen: 1.2, goedemiddag: 1.2, goedenavond: 1.2, goeiemorgen: 1.2,
      goeiemiddag: 1.2, goeienavond: 1.2, goeiedag: 1.2, dag: 1.0, morning: 1.0, "good morning": 1.2,
    },
  }),
];

/** Words of the koppeling's domain; a how-to question needs one. */
export const domainWords: readonly Phrase[] = [
  "koppeling*", "integration", "btw*", "vat", "icp", "oss", "grootboek*", "ledger*", "moneybird", "woocommerce", "webshop*",
  "shop", "winkel", "api", "sleutel", "key", "negeer", "verwerk", "open", "fouten", "errors", "rapportage", "creditnota*",
  "refund*", "bestelling*", "order*", "factu*", "invoice*", "verzend*", "shipping", "handleiding", "manual", "install*",
  "dagboek", "debiteur*", "knop", "button", "boekhoud*", "bol", "configuratie", "status*", "tarief", "omzet*", "verkoop",
  "verkopen", "dashboard", "tabblad", "sync*", "koppelen", "migratie", "migration", "kassa",
].map(compilePhrase);
