import { useCallback, useMemo, useState } from "react";
import type { MemberRow } from "./members.api";

/** Members ticked on the current page, for the bulk actions. */
export function usePageSelection(items: readonly MemberRow[]) {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const clear = useCallback(() => setIds(new Set()), []);
  const selection = useMemo(
    () => ({
      selected: ids,
      toggle: (userId: string) =>
        setIds((prev) => {
          const next = new Set(prev);
          if (!next.delete(userId)) next.add(userId);
          return next;
        }),
      toggleAll: () => setIds((prev) => (items.length > 0 && items.every((m) => prev.has(m.userId)) ? new Set() : new Set(items.map((m) => m.userId)))),
    }),
    [ids, items],
  );
  const selected = useMemo(() => items.filter((m) => ids.has(m.userId)), [items, ids]);
  return { selected, selection, clear };
}
