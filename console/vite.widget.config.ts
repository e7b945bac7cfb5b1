import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The customer chat widget: its own entry, built after the console into dist/chat, so the
 * server's static files serve its assets at /chat/… and the page at /chat/:workspaceId/:queueId.
 * It bundles only shared, React and socket.io-client, none of the console app.
 */
export default defineConfig(({ mode }) => ({
  root: here("src/widget"),
  base: "/chat/",
  build: {
    outDir: here("dist/chat"),
    emptyOutDir: true,
    // As the console's: no source maps in a production build.
    sourcemap: mode !== "production",
    // React, socket.io-client and zod (the payload checks) are most of it: ~170 kB gzipped, loaded once per visitor.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: { widget: here("src/widget/index.html"), embed: here("src/widget/embed.ts") },
      onwarn(warning, warn) {
        if (["MODULE_LEVEL_DIRECTIVE", "INVALID_ANNOTATION", "SOURCEMAP_ERROR"].includes(warning.code ?? "")) return;
        warn(warning);
      },
      output: {
        // The embed snippet names /chat/embed.js for good: no hash in that one name.
        entryFileNames: (chunk) => (chunk.name === "embed" ? "embed.js" : "assets/[name]-[hash].js"),
      },
    },
  },
}));
