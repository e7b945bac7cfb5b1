import { describe, expect, it } from "vitest";
import { phoneNumberSchema } from "./phone-number.schema.js";

describe("phoneNumberSchema", () => {
  it.each([
    ["+1 212 555 0142", "+12125550142"],
    ["+1 (415) 555-0123", "+14155550123"],
    ["+44 20 7183 8750", "+442071838750"],
    ["33.1.42.68.53.00", "+33142685300"],
    ["  +14155550123  ", "+14155550123"],
  ])("accepts %j as %s", (input, stored) => {
    expect(phoneNumberSchema.parse(input)).toBe(stored);
  });

  it.each([["12345"], ["+1 415 555"], ["call me"], ["+1 212 555 0142 ext 7"], [""], ["+".padEnd(40, "1")]])("refuses %j", (input) => {
    expect(phoneNumberSchema.safeParse(input).success).toBe(false);
  });
});
