import { Link } from "react-router-dom";

/** The "← Members" link above a detail page, back to the list it was opened from. */
export function BackCrumb({ to, label, testId }: { to: string; label: string; testId: string }) {
  return (
    <div className="crumbs">
      <Link to={to} data-testid={testId}>
        ← {label}
      </Link>
    </div>
  );
}
