import type { ReactNode } from "react";

/** The one row a table shows when it has nothing to list, across all its columns. */
export function EmptyRow({ columns, testId, children }: { columns: number; testId?: string; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty" data-testid={testId}>
        {children}
      </td>
    </tr>
  );
}
