import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { zipSync, type Zippable } from "fflate";

/*
 * The dock has no store listing (issue 15), so the server hands out the extension it was built
 * with as a zip, for "Load unpacked". The zip carries one file the build does not: `server.json`,
 * the address of the server it came from, so the dock's sign-in form starts filled in and the
 * agent types no server address (issue 15 acceptance 5). It is this server's PUBLIC_URL, the same
 * base as the links in its e-mails.
 */

/** Read by the dock (`extension/src/features/session/packaged-server.ts`); keep the name in step. */
export const PACKAGED_SERVER_FILE = "server.json";
export const DOCK_ZIP_NAME = "switchboard-dock.zip";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The built extension in `dockDir`, zipped under one folder (what "Load unpacked" is pointed at once unpacked). */
export function buildDockZip(dockDir: string, serverUrl: string): Uint8Array {
  const files: Zippable = {};
  for (const path of filesUnder(dockDir)) {
    if (path.endsWith(".map")) continue;
    files[`switchboard-dock/${relative(dockDir, path).split("\\").join("/")}`] = readFileSync(path);
  }
  files[`switchboard-dock/${PACKAGED_SERVER_FILE}`] = new TextEncoder().encode(`${JSON.stringify({ serverUrl }, null, 2)}\n`);
  return zipSync(files, { level: 6 });
}
