import { startsLikeFormula } from "@switchboard/shared";
import type { Response } from "express";
import { MembershipModel } from "./membership.model.js";
import { loadWorkspaceTeams } from "./workspace-teams.js";

/**
 * A cell a spreadsheet would run as a formula (`= + - @`, tab, CR) gets a leading `'`
 * (OWASP "CSV injection"); then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const safe = startsLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: string[]) => cells.map(csvCell).join(",") + "\r\n";

const HEADER = ["name", "email", "phone", "roles", "teams", "status", "last active"];

/** Streams the workspace's members (active and revoked) as CSV, in name order. */
export async function writeMembersCsv(workspaceId: string, res: Response): Promise<void> {
  const teams = await loadWorkspaceTeams(workspaceId);
  res.setHeader("content-type", "text/csv; charset=utf-8");
  res.setHeader("content-disposition", 'attachment; filename="members.csv"');
  // BOM: Excel otherwise reads UTF-8 names as Latin-1.
  res.write("\uFEFF" + csvLine(HEADER));
  const cursor = MembershipModel.find({ workspaceId }).sort({ nameLower: 1, _id: 1 }).lean().cursor();
  for await (const m of cursor) {
    const teamNames = m.teams.map((id) => teams.nameOf(String(id)) ?? String(id));
    res.write(csvLine([m.name, m.emailLower, m.phone ?? "", m.roles.join("|"), teamNames.join("|"), m.status, m.lastActiveAt?.toISOString() ?? ""]));
  }
  res.end();
}
