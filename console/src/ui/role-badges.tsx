import type { Role } from "@switchboard/shared";
import { capitalize } from "../lib/format";

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  return (
    <span className="badges">
      {roles.map((role) => (
        <span key={role} className={`badge badge-${role}`}>
          {capitalize(role)}
        </span>
      ))}
    </span>
  );
}
