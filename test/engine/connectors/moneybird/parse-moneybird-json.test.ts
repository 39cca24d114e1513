import { describe, expect, it } from "vitest";
import { parseMoneybirdJson } from "../../../../engine/connectors/moneybird/parse-moneybird-json.js";

describe("parseMoneybirdJson", () => {
  it("keeps integers of more than 15 digits as exact strings, wherever they are", () => {
    expect(parseMoneybirdJson('{"id":496081458176197690,"list":[-496081458176197691, 123],"n":{"x":  1234567890123456}}')).toEqual({
      id: "496081458176197690",
      list: ["-496081458176197691", 123],
      n: { x: "1234567890123456" },
    });
  });

  it("leaves strings, decimals, exponents and short integers alone", () => {
    const text = '{"a":"id 496081458176197690, \\"quoted\\" 496081458176197690","b":129.95,"c":1e21,"d":123456789012345,"e":"496081458176197690"}';
    expect(parseMoneybirdJson(text)).toEqual({
      a: 'id 496081458176197690, "quoted" 496081458176197690',
      b: 129.95,
      c: 1e21,
      d: 123456789012345,
      e: "496081458176197690",
    });
  });

  it("throws a SyntaxError on text that is not JSON, as JSON.parse does", () => {
    expect(() => parseMoneybirdJson('{"id": 4960814581761976')).toThrow(SyntaxError);
    expect(() => parseMoneybirdJson("<html>Service Unavailable</html>")).toThrow(SyntaxError);
  });
});
