import { can, contactAccessOf, type EffectiveSettings, type Restrictions } from "@switchboard/shared";
import { trusted } from "mongoose";
import type { AppDeps } from "../app-deps.js";
import type { LeanMembership, MembershipCache } from "../members/membership-cache.js";
import type { MemberInfo } from "../presence/presence.service.js";
import { loadEffectiveSettingsMany } from "../settings/member-settings.service.js";
import { UserModel } from "../users/user.model.js";
import type { ContactMasking } from "./interaction-view.js";

/** What routing knows of one member besides presence and holdings. */
export interface RoutingMember {
  info: MemberInfo;
  settings: EffectiveSettings;
  skills: string[];
  languages: string[];
  masking: ContactMasking;
  mayReceiveOffers: boolean;
}

/**
 * Settings and skills change rarely; events drop the copy at once, this bounds a missed one.
 * Past it the old copy still answers while a reload runs: at 10,000 members a reload (every
 * member's settings, a read of every user) takes seconds, and docks connecting meanwhile
 * (issue 14) must not all wait on it.
 */
const FRESH_MS = 5_000;

export const maskingOf = (membership: Pick<LeanMembership, "roles" | "restrictions">, settings: Pick<EffectiveSettings, "maskPhoneNumber">): ContactMasking => {
  const { masked } = contactAccessOf({ roles: membership.roles, restrictions: (membership.restrictions ?? {}) as Partial<Restrictions> });
  return { email: masked, phone: masked || settings.maskPhoneNumber };
};

/**
 * The members who could take offers in a workspace, with effective settings (one read of the
 * workspace and its teams) and skills (one read of their users), cached per workspace.
 */
export class AgentDirectory {
  private readonly cache = new Map<string, { at: number; members: Promise<Map<string, RoutingMember>>; reloading?: boolean }>();

  constructor(
    private readonly memberships: MembershipCache,
    deps: Pick<AppDeps, "events">,
  ) {
    deps.events.on("settings.changed", ({ workspaceId }) => this.cache.delete(workspaceId));
    deps.events.on("membership.changed", ({ workspaceId }) => this.cache.delete(workspaceId));
    deps.events.on("membership.revoked", ({ workspaceId }) => this.cache.delete(workspaceId));
  }

  async members(workspaceId: string): Promise<Map<string, RoutingMember>> {
    const cached = this.cache.get(workspaceId);
    if (!cached) {
      const members = this.load(workspaceId);
      const entry = { at: Date.now(), members };
      this.cache.set(workspaceId, entry);
      members.catch(() => this.cache.get(workspaceId) === entry && this.cache.delete(workspaceId));
      return members;
    }
    if (Date.now() - cached.at >= FRESH_MS && !cached.reloading) {
      cached.reloading = true;
      // Swapped in only if no event dropped the entry meanwhile (then the next read loads afresh).
      this.load(workspaceId).then(
        (members) => this.cache.get(workspaceId) === cached && this.cache.set(workspaceId, { at: Date.now(), members: Promise.resolve(members) }),
        () => (cached.reloading = false),
      );
    }
    return cached.members;
  }

  async member(workspaceId: string, userId: string): Promise<RoutingMember | null> {
    return (await this.members(workspaceId)).get(userId) ?? null;
  }

  private async load(workspaceId: string): Promise<Map<string, RoutingMember>> {
    const active = (await this.memberships.active(workspaceId)).filter((m) => can({ userId: String(m.userId), roles: m.roles, teams: [] }, "dock.use"));
    const [settings, users] = await Promise.all([
      loadEffectiveSettingsMany(workspaceId, active),
      UserModel.find({ _id: trusted({ $in: active.map((m) => m.userId) }) }, { skills: 1, languages: 1 }).lean(),
    ]);
    const labels = new Map(users.map((u) => [String(u._id), { skills: u.skills ?? [], languages: u.languages ?? [] }]));
    const result = new Map<string, RoutingMember>();
    for (const m of active) {
      const userId = String(m.userId);
      const memberSettings = settings.get(userId);
      if (!memberSettings) continue;
      result.set(userId, {
        info: { workspaceId, userId, name: m.name, teams: m.teams.map(String), roles: m.roles, membershipId: String(m._id) },
        settings: memberSettings,
        skills: labels.get(userId)?.skills ?? [],
        languages: labels.get(userId)?.languages ?? [],
        masking: maskingOf(m, memberSettings),
        mayReceiveOffers: can({ userId, roles: m.roles, teams: [] }, "offers.receive"),
      });
    }
    return result;
  }
}
