import { describe, expect, it } from "vitest";
import { chatEmbedSnippet } from "./embed-snippet";
import { widgetIdsFromPath } from "./widget-ids";

const WS = "a".repeat(24);
const Q = "b".repeat(24);

describe("widget link and embed", () => {
  it("reads the ids from /chat/:workspaceId/:queueId and refuses anything else", () => {
    expect(widgetIdsFromPath(`/chat/${WS}/${Q}`)).toEqual({ workspaceId: WS, queueId: Q });
    expect(widgetIdsFromPath(`/chat/${WS}/${Q}/`)).toEqual({ workspaceId: WS, queueId: Q });
    for (const bad of [`/chat/${WS}`, `/chat/${WS}/x`, `/chat/${WS}/${Q}/more`, `/other/${WS}/${Q}`]) expect(widgetIdsFromPath(bad)).toBeNull();
  });

  it("the snippet is one script tag naming the embed script and both ids", () => {
    expect(chatEmbedSnippet("https://sb.example.com", WS, Q)).toBe(
      `<script src="https://sb.example.com/chat/embed.js" data-workspace="${WS}" data-queue="${Q}" async></script>`,
    );
  });
});
