import { EMBED_ATTRIBUTES } from "./embed-snippet";

/**
 * `/chat/embed.js`: runs on the business's page, so it touches only what it adds (one button,
 * one iframe), imports nothing at run time, and takes the server's origin from its own src.
 * The chat itself lives in the iframe, on our origin, where the page cannot read it.
 */
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return;
  const id = /^[a-f0-9]{24}$/i;
  const workspaceId = script.getAttribute(EMBED_ATTRIBUTES.workspace) ?? "";
  const queueId = script.getAttribute(EMBED_ATTRIBUTES.queue) ?? "";
  if (!id.test(workspaceId) || !id.test(queueId)) {
    console.error("Switchboard chat: data-workspace and data-queue must be the ids from the console's queue page.");
    return;
  }
  const origin = new URL(script.src).origin;

  const frame = document.createElement("iframe");
  frame.src = `${origin}/chat/${workspaceId}/${queueId}`;
  frame.title = "Chat";
  frame.dataset.switchboardChat = queueId;
  Object.assign(frame.style, {
    position: "fixed",
    right: "20px",
    bottom: "84px",
    width: "370px",
    height: "560px",
    maxHeight: "calc(100vh - 104px)",
    maxWidth: "calc(100vw - 40px)",
    border: "0",
    borderRadius: "12px",
    boxShadow: "0 8px 30px rgba(16, 24, 40, 0.25)",
    zIndex: "2147483646",
    display: "none",
    background: "#fff",
  });

  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Chat with us";
  button.setAttribute("aria-expanded", "false");
  button.dataset.switchboardChatButton = queueId;
  Object.assign(button.style, {
    position: "fixed",
    right: "20px",
    bottom: "20px",
    padding: "12px 18px",
    border: "0",
    borderRadius: "24px",
    background: "#1f8a70",
    color: "#fff",
    font: "600 14px system-ui, sans-serif",
    boxShadow: "0 4px 14px rgba(16, 24, 40, 0.25)",
    cursor: "pointer",
    zIndex: "2147483647",
  });
  button.addEventListener("click", () => {
    const open = frame.style.display === "none";
    frame.style.display = open ? "block" : "none";
    button.textContent = open ? "Close chat" : "Chat with us";
    button.setAttribute("aria-expanded", String(open));
  });

  document.body.append(frame, button);
})();
