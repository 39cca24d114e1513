import { describe, expect, it } from "vitest";
import { divideRounded, parseScaledDecimal } from "../../../../engine/connectors/woocommerce/scaled-decimal.js";

describe("parseScaledDecimal", () => {
  it.each([
    ["12.34", 2, 1234n],
    ["0.9", 2, 90n],
    ["30", 2, 3000n],
    [".5", 2, 50n],
    ["-223.71", 2, -22371n],
    ["0.625", 2, 63n],
    ["-0.625", 2, -63n],
    ["0.004999", 2, 0n],
    ["0.62125", 6, 621250n],
    ["4.5", 2, 450n],
    [" 7.00 ", 2, 700n],
  ] as const)("reads %j at scale %i as %s", (text, scale, expected) => {
    expect(parseScaledDecimal(text, scale)).toBe(expected);
  });

  it.each(["", "abc", "12,34", "1e5", "1.2.3", "-", "."])("refuses %j", (text) => {
    expect(parseScaledDecimal(text, 2)).toBeNull();
  });
});

describe("divideRounded", () => {
  it("rounds half away from zero", () => {
    expect([divideRounded(5n, 2n), divideRounded(-5n, 2n), divideRounded(7n, 3n), divideRounded(-7n, -3n)]).toEqual([3n, -3n, 2n, 2n]);
  });

  it("refuses to divide by zero", () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });
});
