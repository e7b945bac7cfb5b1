import { defineConfig } from "vite";

const SERVER = "http://localhost:3000";

// No React plugin: Vite's esbuild transform honours tsconfig's "jsx": "react-jsx".
// We give up Fast Refresh, which a console this size does not need.
export default defineConfig(({ mode }) => ({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // A production build ships no source maps (the server refuses *.map in production as well);
    // `vite build --mode development` keeps them for debugging a build locally.
    sourcemap: mode !== "production",
    rollupOptions: {
      // react-router's "use client" and zod's comment placement are harmless when bundled for the browser.
      onwarn(warning, warn) {
        if (["MODULE_LEVEL_DIRECTIVE", "INVALID_ANNOTATION", "SOURCEMAP_ERROR"].includes(warning.code ?? "")) return;
        warn(warning);
      },
      output: {
        // Libraries change less often than our code; separate files cache better across releases.
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)\//.test(id)) return "react";
          if (/node_modules\/(zod|libphonenumber-js)\//.test(id)) return "schemas";
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: SERVER, changeOrigin: true },
      // Host is kept: the server accepts the console's cookie on a socket only when Origin's host equals Host.
      "/socket.io": { target: SERVER, ws: true },
    },
  },
}));
