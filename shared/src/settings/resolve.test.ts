import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canLockSettings, isDockField, resolveEffectiveSettings, type ResolveSettingsInput } from "./resolve.js";
import {
  DEFAULT_SETTINGS,
  DOCK_FIELDS,
  effectiveSettingsSchema,
  PHONE_FIELDS,
  SETTINGS_FIELDS,
  type EffectiveSettings,
  type SettingsField,
  type SettingsOverrides,
} from "./settings.schema.js";

/** A valid value for every field, so that resolved settings can be checked against the schema too. */
const valueArbs: { [K in SettingsField]: fc.Arbitrary<EffectiveSettings[K]> } = {
  phoneId: fc.option(fc.constantFrom("line-1", "line-2", "line-3"), { nil: null }),
  callerId: fc.option(fc.constantFrom({ name: "Sales", number: "+14155550167" }, { name: "Support", number: "+442079460958" }), { nil: null }),
  localPresenceCallerIds: fc.constantFrom([], [{ countryCode: "1", number: "+14155550167" }], [{ countryCode: "44", number: "+442079460958" }]),
  callRecording: fc.boolean(),
  voicemailDrop: fc.constantFrom({ enabled: false, recordingId: null }, { enabled: true, recordingId: "rec-1" }),
  forwardTo: fc.option(fc.constantFrom("+14155550167", "+33142685300"), { nil: null }),
  allowSipClients: fc.boolean(),
  sipWebSocketUrl: fc.option(fc.constant("wss://sip.example.com/ws"), { nil: null }),
  channel: fc.constantFrom("phone", "chat", "all"),
  autoHideDock: fc.boolean(),
  autoPauseNoAnswer: fc.boolean(),
  autoAnswerSeconds: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  maskPhoneNumber: fc.boolean(),
  hideCallHistory: fc.boolean(),
  clickToCall: fc.boolean(),
  blockManualDialing: fc.boolean(),
  simultaneousChannelHandling: fc.boolean(),
  chatsPerUser: fc.integer({ min: 1, max: 5 }),
  phoneEndpoints: fc.constantFrom("browser", "sip", "external"),
};

const overridesArb = fc.record(valueArbs, { requiredKeys: [] }) as fc.Arbitrary<SettingsOverrides>;
const locksArb = fc.subarray([...SETTINGS_FIELDS]);
const inputArb: fc.Arbitrary<ResolveSettingsInput> = fc.record({
  workspace: fc.record({ settings: overridesArb, locks: locksArb }),
  team: fc.option(fc.record({ name: fc.constantFrom("Tier 1", "Sales"), settings: overridesArb, locks: locksArb }), { nil: null }),
  user: fc.record({ overrides: overridesArb, overrideDockSettings: fc.boolean() }),
});

const has = (level: SettingsOverrides, field: SettingsField) => field in level;

describe("resolveEffectiveSettings", () => {
  it("property: user override unless locked above (dock fields only with the switch), else team unless locked at workspace, else workspace, else default", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { workspace, team, user } = input;
        const { values, origins, locked } = resolveEffectiveSettings(input);
        for (const field of SETTINGS_FIELDS) {
          const lockedAtWorkspace = workspace.locks.includes(field);
          const lockedAtTeam = team !== null && team.locks.includes(field);
          const switchAllows = !(DOCK_FIELDS as readonly string[]).includes(field) || user.overrideDockSettings;
          if (has(user.overrides, field) && !lockedAtWorkspace && !lockedAtTeam && switchAllows) {
            expect(values[field]).toEqual(user.overrides[field]);
            expect(origins[field]).toBe("user");
          } else if (team && has(team.settings, field) && !lockedAtWorkspace) {
            expect(values[field]).toEqual(team.settings[field]);
            expect(origins[field]).toBe(`team:${team.name}`);
          } else if (has(workspace.settings, field)) {
            expect(values[field]).toEqual(workspace.settings[field]);
            expect(origins[field]).toBe("workspace");
          } else {
            expect(values[field]).toEqual(DEFAULT_SETTINGS[field]);
            expect(origins[field]).toBe("default");
          }
          expect(locked[field]).toBe(lockedAtWorkspace ? "workspace" : lockedAtTeam ? "team" : null);
        }
        expect(effectiveSettingsSchema.safeParse(values).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("property: with the dock switch off, the member's dock overrides change nothing", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const off = { ...input, user: { ...input.user, overrideDockSettings: false } };
        const withoutUser = { ...input, user: { overrides: {}, overrideDockSettings: false } };
        const a = resolveEffectiveSettings(off);
        const b = resolveEffectiveSettings(withoutUser);
        for (const field of DOCK_FIELDS) {
          expect(a.values[field]).toEqual(b.values[field]);
          expect(a.origins[field]).toBe(b.origins[field]);
        }
      }),
    );
  });

  it("property: a field locked at workspace level ignores the team and the user", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { values, origins } = resolveEffectiveSettings(input);
        for (const field of input.workspace.locks) {
          expect(values[field]).toEqual(has(input.workspace.settings, field) ? input.workspace.settings[field] : DEFAULT_SETTINGS[field]);
          expect(["workspace", "default"]).toContain(origins[field]);
        }
      }),
    );
  });

  const none = { settings: {}, locks: [] };
  const noUser = { overrides: {}, overrideDockSettings: false };

  it("returns the defaults with nothing set", () => {
    const resolved = resolveEffectiveSettings({ workspace: none, team: null, user: noUser });
    expect(resolved.values).toEqual(DEFAULT_SETTINGS);
    expect(new Set(Object.values(resolved.origins))).toEqual(new Set(["default"]));
    expect(new Set(Object.values(resolved.locked))).toEqual(new Set([null]));
  });

  it("layers workspace, team and user and names the team in the origin", () => {
    const resolved = resolveEffectiveSettings({
      workspace: { settings: { autoAnswerSeconds: 5, channel: "phone", chatsPerUser: 2 }, locks: [] },
      team: { name: "Tier 1", settings: { autoAnswerSeconds: 10, channel: "chat" }, locks: [] },
      user: { overrides: { autoAnswerSeconds: 20, channel: "all" }, overrideDockSettings: true },
    });
    expect(resolved.values).toMatchObject({ autoAnswerSeconds: 20, channel: "all", chatsPerUser: 2, clickToCall: true });
    expect(resolved.origins).toMatchObject({ autoAnswerSeconds: "user", channel: "user", chatsPerUser: "workspace", clickToCall: "default" });
  });

  it("applies phone and channel overrides without the dock switch, dock overrides only with it", () => {
    const input = {
      workspace: none,
      team: { name: "Tier 1", settings: { autoAnswerSeconds: 10 }, ...{ locks: [] } },
      user: { overrides: { autoAnswerSeconds: 30, forwardTo: "+14155550167", channel: "chat" as const }, overrideDockSettings: false },
    };
    const off = resolveEffectiveSettings(input);
    expect(off.values).toMatchObject({ autoAnswerSeconds: 10, forwardTo: "+14155550167", channel: "chat" });
    expect(off.origins).toMatchObject({ autoAnswerSeconds: "team:Tier 1", forwardTo: "user", channel: "user" });
    const on = resolveEffectiveSettings({ ...input, user: { ...input.user, overrideDockSettings: true } });
    expect(on.values.autoAnswerSeconds).toBe(30);
    expect(on.origins.autoAnswerSeconds).toBe("user");
  });

  it("keeps a team-locked value over the user's override and reports the lock", () => {
    const resolved = resolveEffectiveSettings({
      workspace: { settings: {}, locks: ["callRecording"] },
      team: { name: "Sales", settings: { callRecording: false, chatsPerUser: 1 }, locks: ["chatsPerUser"] },
      user: { overrides: { callRecording: true, chatsPerUser: 5 }, overrideDockSettings: true },
    });
    expect(resolved.values).toMatchObject({ callRecording: false, chatsPerUser: 1 });
    expect(resolved.origins).toMatchObject({ callRecording: "default", chatsPerUser: "team:Sales" });
    expect(resolved.locked).toMatchObject({ callRecording: "workspace", chatsPerUser: "team", forwardTo: null });
  });

  it("classifies phone fields as not dock fields", () => {
    expect(PHONE_FIELDS.some(isDockField)).toBe(false);
    expect(DOCK_FIELDS.every(isDockField)).toBe(true);
  });

  it("lets only admins lock fields", () => {
    expect(canLockSettings({ roles: ["admin"] })).toBe(true);
    expect(canLockSettings({ roles: ["manager", "supervisor", "viewer", "agent"] })).toBe(false);
  });
});
