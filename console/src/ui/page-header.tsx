import type { ReactNode } from "react";
import { countOf } from "../lib/format";

interface PageHeaderProps {
  title: string;
  /** The list's count, shown as "N <noun>s" once loaded (blank while loading). */
  count?: { total: number | undefined; noun: string; testId: string };
  /** The page's buttons (New …); a null keeps the row's place for a reader who may not act. */
  actions?: ReactNode;
}

/** The top of a list page: title, how many there are, and what the reader may do. */
export function PageHeader({ title, count, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {count ? (
        <span className="muted" data-testid={count.testId}>
          {count.total === undefined ? "" : countOf(count.total, count.noun)}
        </span>
      ) : null}
      {actions !== undefined ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
