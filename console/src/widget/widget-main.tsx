import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ChatWidget } from "./chat-widget";
import { widgetIdsFromPath } from "./widget-ids";
import "./chat-widget.css";

const ids = widgetIdsFromPath(location.pathname);
const root = createRoot(document.getElementById("widget-root")!);
root.render(
  <StrictMode>
    {ids ? (
      <ChatWidget workspaceId={ids.workspaceId} queueId={ids.queueId} />
    ) : (
      <div className="widget widget-broken" data-testid="widget-broken">
        This chat link is incomplete. Ask the site for its current chat link.
      </div>
    )}
  </StrictMode>,
);
