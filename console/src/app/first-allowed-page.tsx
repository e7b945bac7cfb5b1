import { Navigate } from "react-router-dom";
import { NAV_ITEMS } from "./nav-items";
import { useWorkspace } from "./session-context";

/** "/" opens the first page of the menu this member can use. */
export function FirstAllowedPage() {
  const { allows } = useWorkspace();
  const first = NAV_ITEMS.find((item) => allows(item.permission));
  return <Navigate to={first?.path ?? "/members"} replace />;
}
