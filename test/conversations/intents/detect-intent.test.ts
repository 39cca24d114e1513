import { describe, expect, it } from "vitest";
import { detectIntent } from "../../../conversations/intents/detect-intent.js";
import { intentNames, type Understanding } from "../../../conversations/intents/understanding.js";
import { loadUtterances, printMisses, scoreIntents } from "./utterance-set.js";

const utterances = loadUtterances();
const results = utterances.map((utterance) => detectIntent(utterance.text));

describe("the labelled utterance set", () => {
  it("holds at least 170 messages, at least 6 per intent, mostly Dutch", () => {
    expect(utterances.length).toBeGreaterThanOrEqual(170);
    for (const intent of intentNames) {
      expect(utterances.filter((u) => u.intent === intent).length, intent).toBeGreaterThanOrEqual(6);
    }
    const dutch = utterances.filter((u) => u.language === "nl").length;
    expect(dutch / utterances.length).toBeGreaterThan(0.55);
  });

  it("recognises at least 95% of the intents", () => {
    const { accuracy, misses } = scoreIntents(utterances, results);
    printMisses("detectIntent", accuracy, misses);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("extracts the expected slots wherever the set names them", () => {
    const wrong = utterances.flatMap((utterance, i) => {
      const got: Record<string, unknown> = { ...results[i]?.slots };
      return Object.entries(utterance.slots ?? {})
        .filter(([slot, value]) => JSON.stringify(got[slot]) !== JSON.stringify(value))
        .map(([slot, value]) => `${utterance.text}: ${slot} expected ${JSON.stringify(value)}, got ${JSON.stringify(got[slot])}`);
    });
    expect(wrong).toEqual([]);
  });

  it("tells Dutch from English on at least 95% of the labelled messages", () => {
    const labelled = utterances.flatMap((u, i) => (u.language ? [{ text: u.text, expected: u.language, got: results[i]?.language }] : []));
    const wrong = labelled.filter((entry) => entry.got !== entry.expected);
    if (wrong.length > 0) console.log(wrong.map((entry) => `  ${entry.expected} → ${entry.got}: ${entry.text}`).join("\n"));
    expect(1 - wrong.length / labelled.length).toBeGreaterThanOrEqual(0.95);
  });

  it("keeps the confidence in 0..1 and says unknown below 0.6", () => {
    for (const result of results) {
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      expect(result.intent === "unknown").toBe(result.confidence < 0.6);
    }
  });

  it("understands a message in well under a millisecond on average", () => {
    for (const utterance of utterances) detectIntent(utterance.text);
    const start = performance.now();
    const rounds = 5;
    for (let round = 0; round < rounds; round++) for (const utterance of utterances) detectIntent(utterance.text);
    const perMessage = (performance.now() - start) / (rounds * utterances.length);
    expect(perMessage).toBeLessThan(1);
  });
});

function understand(text: string): Understanding {
  return detectIntent(text);
}

describe("detectIntent on focused cases", () => {
  it("tolerates one typo in a longer word, but not in short ones", () => {
    expect(understand("waarom worden mijn bestelingen geweigert").intent).toBe("list_errors");
    expect(understand("verwerrk alles opnieuw").intent).toBe("retry");
    expect(understand("statsu?").intent).toBe("status");
    expect(understand("reconect moneybird").intent).toBe("connect");
    expect(understand("rode").slots).toEqual({});
  });

  it("never reads a real word as a typo of its neighbour", () => {
    expect(understand("hoeveel orders zijn er verwerkt").intent).toBe("status");
    expect(understand("afmelden").intent).toBe("unsubscribe");
    expect(understand("aanmelden").intent).toBe("subscribe");
    expect(understand("ik wil een ticket aanmaken").intent).toBe("report_problem");
  });

  it("ignores diacritics, capitals and punctuation", () => {
    expect(understand("Staat mijn koppeling goed ingesteld? Net geïnstalleerd!!").intent).toBe("check_setup");
    expect(understand("WAT DOET ‘NEGEER’?").intent).toBe("howto");
    expect(understand("Bestelling #1043 — waar is die?").slots.saleNumbers).toEqual(["1043"]);
  });

  it("reads a bare sale number as a trace and a bare small number as a choice, with no language", () => {
    expect(understand("1043")).toEqual({ intent: "trace_sale", confidence: 0.9, slots: { saleNumbers: ["1043"] }, language: null });
    expect(understand("#1043").intent).toBe("trace_sale");
    expect(understand("1043 en 1044").slots.saleNumbers).toEqual(["1043", "1044"]);
    expect(understand("2")).toEqual({ intent: "answer", confidence: 0.95, slots: { choice: 2 }, language: null });
    expect(understand("optie 2").slots.choice).toBe(2);
    expect(understand("nummer 2").slots.choice).toBe(2);
  });

  it("reads bare yes and no in both languages, and a thumbs-up", () => {
    for (const yes of ["ja", "jep", "yes", "ok", "prima", "doe maar", "graag", "👍"]) {
      expect(understand(yes), yes).toMatchObject({ intent: "answer", slots: { answer: "yes" } });
    }
    for (const no of ["nee", "no", "liever niet", "later", "stop", "okay thanks, no"]) {
      expect(understand(no), no).toMatchObject({ intent: "answer", slots: { answer: "no" } });
    }
    expect(understand("ok").language).toBeNull();
    expect(understand("stop de weekmail")).toMatchObject({ intent: "unsubscribe" });
    expect(understand("stop de weekmail").slots.answer).toBeUndefined();
  });

  it("does not read percentages, amounts, times, years, counts or ledger codes as sale numbers", () => {
    const saleNumbers = (text: string) => understand(text).slots.saleNumbers;
    expect(saleNumbers("koppel 9% aan btw laag")).toBeUndefined();
    expect(saleNumbers("21 % moet naar btw hoog")).toBeUndefined();
    expect(saleNumbers("er staat € 1.204,50 in fouten")).toBeUndefined();
    expect(saleNumbers("elke vrijdag om 16:00")).toBeUndefined();
    expect(saleNumbers("in 2024 had ik 300 orders")).toBeUndefined();
    expect(saleNumbers("verzendkosten moeten naar grootboek 8010")).toBeUndefined();
    expect(understand("verzendkosten moeten naar grootboek 8010").slots.ledgerCode).toBe("8010");
    expect(saleNumbers("zet verzendkosten op 8050")).toBeUndefined();
    expect(saleNumbers("factuur 2023-0045 kan ik niet vinden")).toEqual(["2023-0045"]);
  });

  it("reads VAT rates written as numbers, words and rate names", () => {
    const rate = (text: string) => understand(text).slots.vatRateBp;
    expect(rate("9%")).toBe(900);
    expect(rate("9 procent")).toBe(900);
    expect(rate("negen procent")).toBe(900);
    expect(rate("twenty-one percent")).toBe(2100);
    expect(rate("laag tarief")).toBe(900);
    expect(rate("hoog tarief")).toBe(2100);
    expect(rate("koppel 21% aan btw laag")).toBe(2100);
  });

  it("reads license keys in any case, without taking their digits for sale numbers", () => {
    expect(understand("koppel dit kanaal aan kb-demo-0001")).toMatchObject({ intent: "link", slots: { licenseKey: "KB-DEMO-0001" } });
    expect(understand("link KB-7F3A-22XQ").slots).toEqual({ licenseKey: "KB-7F3A-22XQ" });
  });

  it("reads the weekday and hour of a digest subscription", () => {
    expect(understand("maandag 9 uur").slots).toMatchObject({ weekday: 1, hour: 9 });
    expect(understand("monday 9am").slots).toMatchObject({ weekday: 1, hour: 9 });
    expect(understand("vrijdag om 16:00").slots).toMatchObject({ weekday: 5, hour: 16 });
    expect(understand("friday at 4pm").slots).toMatchObject({ weekday: 5, hour: 16 });
    expect(understand("zondag half 10").slots).toMatchObject({ weekday: 0, hour: 9 });
    expect(understand("elke dinsdagmiddag om 3 een update").slots).toMatchObject({ weekday: 2, hour: 15 });
  });

  it("maps WooCommerce statuses in both languages onto their slug", () => {
    const cases: Array<[string, string]> = [
      ["vink in behandeling aan", "processing"], ["tick processing", "processing"], ["vink afgerond aan", "completed"],
      ["vink voltooid aan", "completed"], ["zet in de wacht aan", "on-hold"], ["tick on hold", "on-hold"],
      ["vink geannuleerd uit", "cancelled"], ["zet wachtend op betaling aan", "pending"], ["tick refunded", "refunded"],
      ["vink terugbetaald aan", "refunded"], ["vink mislukt aan", "failed"],
    ];
    for (const [text, status] of cases) expect(understand(text), text).toMatchObject({ intent: "configure", slots: { status } });
  });

  it("names ledger roles, sides and causes", () => {
    expect(understand("betaalkosten naar 8060").slots).toMatchObject({ ledgerRole: "paymentCosts", ledgerCode: "8060" });
    expect(understand("use ledger 8000 for revenue").slots).toMatchObject({ ledgerRole: "revenue", ledgerCode: "8000" });
    expect(understand("de winkel staat op rood").slots.side).toBe("sales");
    expect(understand("token van moneybird verlopen").slots).toMatchObject({ side: "accounting", cause: "CONN_ACC_TOKEN_EXPIRED" });
    const cause = (text: string) => understand(text).slots.cause;
    expect(cause("verwerk de btw fouten")).toBe("VAT_CODE_MISSING");
    expect(cause("fout met het btw-nummer")).toBe("ICP_VAT_NUMBER_INVALID");
    expect(cause("report the icp one")).toBe("ICP_VAT_NUMBER_INVALID");
    expect(cause("factuurnummer bestaat al")).toBe("DUPLICATE_NUMBER");
    expect(cause("verzendkosten zonder btw")).toBe("SHIPPING_WITHOUT_VAT");
    expect(cause("totaal klopt niet")).toBe("TOTALS_NOMATCH");
    expect(cause("grootboek is geen omzetrekening")).toBe("LEDGER_WRONG_TYPE");
    expect(cause("de verbinding is traag")).toBeUndefined();
  });

  it("reads mixed Dutch and English by its majority", () => {
    expect(understand("kun je de errors retryen?")).toMatchObject({ intent: "retry", language: "nl" });
    expect(understand("what does verwerk do")).toMatchObject({ intent: "howto", language: "en" });
  });

  it("says unknown with a low confidence but keeps the slots of its best guess", () => {
    const lunch = understand("lunch om 12 uur");
    expect(lunch.intent).toBe("unknown");
    expect(lunch.confidence).toBeLessThan(0.6);
    expect(lunch.slots).toEqual({ hour: 12 });
    expect(understand("")).toEqual({ intent: "unknown", confidence: 0, slots: {}, language: null });
  });

  it("is sure of a clear command and less sure of a vague one", () => {
    expect(understand("verwerk alles").confidence).toBeGreaterThanOrEqual(0.8);
    expect(understand("meld probleem").confidence).toBeGreaterThanOrEqual(0.8);
    const vague = understand("alles nog in orde met de koppeling?").confidence;
    expect(vague).toBeGreaterThanOrEqual(0.6);
    expect(vague).toBeLessThan(0.8);
  });
});
