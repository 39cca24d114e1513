import { describe, expect, it } from "vitest";
import { damerauLevenshtein, isOneTypoAway } from "../../../conversations/intents/edit-distance.js";

describe("damerauLevenshtein", () => {
  it("counts insertions, deletions, substitutions and swapped neighbours as one edit each", () => {
    expect(damerauLevenshtein("fouten", "fouten")).toBe(0);
    expect(damerauLevenshtein("foutn", "fouten")).toBe(1);
    expect(damerauLevenshtein("geweigert", "geweigerd")).toBe(1);
    expect(damerauLevenshtein("statsu", "status")).toBe(1);
    expect(damerauLevenshtein("koppleing", "koppeling")).toBe(1);
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("negeer", "verwerk")).toBeGreaterThan(1);
  });
});

describe("isOneTypoAway", () => {
  it("allows one typo when the words are long enough", () => {
    expect(isOneTypoAway("verwerrk", "verwerk")).toBe(true);
    expect(isOneTypoAway("helpp", "help")).toBe(true);
  });

  it("keeps short words and numbers exact", () => {
    expect(isOneTypoAway("rood", "rode")).toBe(false);
    expect(isOneTypoAway("red", "rd")).toBe(false);
    expect(isOneTypoAway("1043", "1044")).toBe(false);
    expect(isOneTypoAway("verwerkingen", "verwerk")).toBe(false);
  });
});
