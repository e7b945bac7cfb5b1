import { startsLikeFormula, type MemberExportQuery } from "@switchboard/shared";
import type { Response } from "express";
import type { AppDeps } from "../app-deps.js";
import { matchingMembers } from "./members.service.js";
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

/** Writes the members the table's filters select (active and revoked when no status is given) as CSV, in the table's order. */
export async function writeMembersCsv(deps: AppDeps, workspaceId: string, query: MemberExportQuery, res: Response): Promise<void> {
  const members = await matchingMembers(deps, workspaceId, query);
  const teams = await loadWorkspaceTeams(workspaceId);
  res.setHeader("content-type", "text/csv; charset=utf-8");
  res.setHeader("content-disposition", 'attachment; filename="members.csv"');
  // BOM: Excel otherwise reads UTF-8 names as Latin-1.
  res.write("\uFEFF" + csvLine(HEADER));
  for (const m of members) {
    const teamNames = m.teams.map((id) => teams.nameOf(String(id)) ?? String(id));
    res.write(csvLine([m.name, m.emailLower, m.phone ?? "", m.roles.join("|"), teamNames.join("|"), m.status, m.lastActiveAt?.toISOString() ?? ""]));
  }
  res.end();
}
