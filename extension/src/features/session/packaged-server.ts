import * as z from "zod"
import { ServerUrlSchema } from "~messages/session.schema"

/**
 * The dock a server hands out (`GET /api/dock/download`, server/src/dock-download) carries
 * `server.json` naming that server, so an agent who installed it from the page after registering
 * types no server address (issue 15). A build loaded from the repo has no such file.
 */
const PACKAGED_SERVER_FILE = "server.json"
const PackagedServerSchema = z.object({ serverUrl: ServerUrlSchema })

export async function readPackagedServerUrl(): Promise<string | undefined> {
  try {
    const response = await fetch(chrome.runtime.getURL(PACKAGED_SERVER_FILE))
    if (!response.ok) return undefined
    const parsed = PackagedServerSchema.safeParse(await response.json())
    return parsed.success ? parsed.data.serverUrl : undefined
  } catch {
    // No file in this build: the form starts from the last server used or the default.
    return undefined
  }
}
