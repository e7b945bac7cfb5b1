import { describe, expect, it } from "vitest";
import { chooseCallerId, dialRefusal, DialOrigin, DialRefusal } from "./outbound-policy.js";

describe("dialRefusal", () => {
  it.each([
    { channel: "all", block: false, origin: DialOrigin.typed, refusal: null },
    { channel: "phone", block: false, origin: DialOrigin.typed, refusal: null },
    { channel: "all", block: false, origin: DialOrigin.reference, refusal: null },
    { channel: "all", block: true, origin: DialOrigin.typed, refusal: DialRefusal.manualDialing },
    { channel: "phone", block: true, origin: DialOrigin.reference, refusal: null },
    { channel: "chat", block: false, origin: DialOrigin.typed, refusal: DialRefusal.channel },
    { channel: "chat", block: false, origin: DialOrigin.reference, refusal: DialRefusal.channel },
    { channel: "chat", block: true, origin: DialOrigin.reference, refusal: DialRefusal.channel },
  ] as const)("channel $channel, blockManualDialing $block, $origin → $refusal", ({ channel, block, origin, refusal }) => {
    expect(dialRefusal({ channel, blockManualDialing: block }, origin)).toBe(refusal);
  });
});

describe("chooseCallerId", () => {
  const callerId = { name: "Support", number: "+14155550167" };
  const localPresenceCallerIds = [
    { countryCode: "44", number: "+442079460958" },
    { countryCode: "33", number: "+33142685300" },
  ];
  it.each([
    { destination: "+442079460000", expected: { name: "Support", number: "+442079460958" } },
    { destination: "33142680000", expected: { name: "Support", number: "+33142685300" } },
    { destination: "+12125550142", expected: callerId },
    { destination: "+4930901820", expected: callerId },
    { destination: "not a number", expected: callerId },
  ])("to $destination → $expected.number", ({ destination, expected }) => {
    expect(chooseCallerId({ callerId, localPresenceCallerIds }, destination)).toEqual(expected);
  });

  it("uses a local-presence number without a callerId (empty name), and nothing when neither is set", () => {
    expect(chooseCallerId({ callerId: null, localPresenceCallerIds }, "+442079460000")).toEqual({ name: "", number: "+442079460958" });
    expect(chooseCallerId({ callerId: null, localPresenceCallerIds }, "+12125550142")).toBeNull();
  });
});
