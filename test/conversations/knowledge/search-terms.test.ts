import { describe, expect, it } from "vitest";
import { maxSearchTerms, searchTerms } from "../../../conversations/knowledge/search-terms.js";

describe("searchTerms", () => {
  it("keeps the meaningful words of a question, lower-cased and once each", () => {
    expect(searchTerms("Waarom staat BTW 9% niet goed? btw!")).toEqual(["btw", "9", "niet", "goed"]);
  });

  it("leaves no text-search operator or quote behind", () => {
    const terms = searchTerms(`api' & sleutel | !woo (x):* <-> "or" OR \\ -btw`);
    expect(terms).toEqual(["api", "sleutel", "woo", "btw"]);
    for (const term of terms) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it("joins a word around its apostrophe and adds the plain spelling of an accented word", () => {
    expect(searchTerms("doesn't work, creditnota's geïnstalleerd")).toEqual(["creditnotas", "geïnstalleerd", "geinstalleerd"]);
  });

  it("stays bounded on a pasted wall of text", () => {
    const wall = Array.from({ length: 20_000 }, (_, i) => `woord${i}`).join(" ");
    expect(searchTerms(wall).length).toBeLessThanOrEqual(maxSearchTerms);
    expect(searchTerms("a".repeat(41))).toEqual([]);
    expect(searchTerms("")).toEqual([]);
  });
});
