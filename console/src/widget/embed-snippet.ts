/**
 * The one-line embed a business pastes into its site (DESIGN.md §13). `embed.ts` reads the
 * same two attributes; keep both sides in step.
 */
export const EMBED_SCRIPT_PATH = "/chat/embed.js";
export const EMBED_ATTRIBUTES = Object.freeze({ workspace: "data-workspace", queue: "data-queue" } as const);

export function chatEmbedSnippet(origin: string, workspaceId: string, queueId: string): string {
  return `<script src="${origin}${EMBED_SCRIPT_PATH}" ${EMBED_ATTRIBUTES.workspace}="${workspaceId}" ${EMBED_ATTRIBUTES.queue}="${queueId}" async></script>`;
}
