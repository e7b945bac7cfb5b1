import { describe, expect, it } from "vitest";
import { countOf } from "./format";

describe("countOf", () => {
  it("says one in the singular and every other count in the plural", () => {
    expect(countOf(1, "contact")).toBe("1 contact");
    expect(countOf(0, "contact")).toBe("0 contacts");
    expect(countOf(2, "queue")).toBe("2 queues");
  });
});
