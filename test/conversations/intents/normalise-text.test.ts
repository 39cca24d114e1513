import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { noEmojiToken, normaliseText, yesEmojiToken } from "../../../conversations/intents/normalise-text.js";

describe("normalising a chat line", () => {
  it("lowers case, drops diacritics and emoji, keeps thumbs as yes and no", () => {
    expect(normaliseText("Créditnota's  NAÏEF").text).toBe("creditnotas naief");
    expect(normaliseText("👍").tokens).toEqual([yesEmojiToken]);
    expect(normaliseText("❌ nee").tokens).toEqual([noEmojiToken, "nee"]);
    expect(normaliseText("status 🙂🏽").tokens).toEqual(["status"]);
  });

  it("spells contractions out, with or without the apostrophe", () => {
    expect(normaliseText("I can't").text).toBe("i can not");
    expect(normaliseText("cant").text).toBe("can not");
    expect(normaliseText("Don’t retry").text).toBe("do not retry");
    expect(normaliseText("dont retry").text).toBe("do not retry");
    expect(normaliseText("what`s wrong").text).toBe("what is wrong");
    expect(normaliseText("m'n koppeling, 't is rood").text).toBe("mijn koppeling, het is rood");
    expect(normaliseText("it's").text).toBe("it is");
  });

  it("says whether there is a digit to read", () => {
    expect(normaliseText("status").hasDigits).toBe(false);
    expect(normaliseText("zet 9% goed").hasDigits).toBe(true);
    expect(normaliseText("#1043").hasDigits).toBe(true);
  });

  it("treats plain ASCII as the full Unicode path does", () => {
    // A combining accent at the end sends the text through the Unicode passes and is then removed.
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 40 }), (text) => {
        expect(normaliseText(text)).toEqual(normaliseText(`${text}\u0301`));
      }),
      { numRuns: 2_000 },
    );
  });
});
