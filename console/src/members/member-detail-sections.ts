import type { Member } from "@switchboard/shared";
import type { ComponentType } from "react";
import { MemberSettingsSection, MemberRestrictionsSection } from "./member-detail-defaults";

export interface MemberSectionProps {
  member: Member;
  /** A section that saves the member (e.g. restrictions) hands the new one back to the page. */
  onMemberChange: (member: Member) => void;
}

export interface MemberDetailSection {
  /** Stable key and `data-testid="member-section-<id>"` wrapper. */
  id: string;
  Component: ComponentType<MemberSectionProps>;
}

/**
 * Slot for the member page (/members/:userId), rendered in order below "Profile & access".
 * Feature folders append their own section here (e.g. settings, restrictions), so the member
 * page never needs editing to host another feature; a section decides itself whether to show.
 */
export const MEMBER_DETAIL_SECTIONS: MemberDetailSection[] = [
  { id: "settings", Component: MemberSettingsSection },
  { id: "restrictions", Component: MemberRestrictionsSection },
];
