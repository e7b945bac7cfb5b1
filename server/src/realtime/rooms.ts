/**
 * Room names, in one place. Watcher rooms live in /console, the others in both namespaces.
 * Presence changes go to `workspace:<id>:watchers` (admins, viewers) and `team:<id>:watchers`
 * (supervisors, managers); a socket in several of them still gets each change once.
 */
export const Rooms = Object.freeze({
  workspaceWatchers: (workspaceId: string) => `workspace:${workspaceId}:watchers`,
  teamWatchers: (teamId: string) => `team:${teamId}:watchers`,
  /** Every socket of one member in one workspace. */
  member: (workspaceId: string, userId: string) => `ws:${workspaceId}:user:${userId}`,
  /** Every socket of one user, in every workspace (sessions are per user). */
  user: (userId: string) => `user:${userId}`,
  /** Every socket opened with one session token (logout ends only these). */
  session: (tokenHash: string) => `session:${tokenHash}`,
});

export const watcherRoomsOf = (workspaceId: string, teams: readonly string[]): string[] => [
  Rooms.workspaceWatchers(workspaceId),
  ...teams.map(Rooms.teamWatchers),
];
