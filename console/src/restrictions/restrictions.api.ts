import { memberSchema, type MemberPatch } from "@switchboard/shared";
import { api, wsPath } from "../lib/api";

type RestrictionsPatch = NonNullable<MemberPatch["restrictions"]>;

/** Only the restrictions named change (the server merges), so send just what the admin touched. */
export const patchMemberRestrictions = (workspaceId: string, userId: string, restrictions: RestrictionsPatch) =>
  api(wsPath(workspaceId, `/members/${encodeURIComponent(userId)}`), { method: "PATCH", body: { restrictions }, schema: memberSchema });
