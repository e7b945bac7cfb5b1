import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { REPO_ROOT } from "../db/ferretdb-binary.js";
import { readOrCreateSecretFile } from "../dev-secret-file.js";
import { startKamailio, type KamailioHandle } from "./kamailio-process.js";

const SECRET_FILE = join(REPO_ROOT, ".data/sip.secret");
/** npm start's fixed ports: the dock reaches ws://localhost:5066; the RPC stays on loopback. */
const WS_PORT = 5066;
const RPC_PORT = 5067;
const EVAPI_PORT = 5068;


function kamailioInstalled(): boolean {
  try {
    execFileSync(process.env.KAMAILIO_BIN ?? "kamailio", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm start` outside production: when no SIP front is configured and Kamailio is installed,
 * start it with server/sip/kamailio.cfg so a newcomer's dock registers and rings on the
 * embedded default. Production runs its own Kamailio from the same template (README).
 */
export async function startLocalKamailio(config: Config, logger: Logger): Promise<KamailioHandle | undefined> {
  if (config.sip || config.env === "production" || !kamailioInstalled()) return undefined;
  // Development keeps one generated secret in .data/ (like the invite-link key).
  const secret = readOrCreateSecretFile(SECRET_FILE, () => randomBytes(24).toString("base64url"));
  const handle = await startKamailio({ secret, credentialTtlSeconds: 600, wsPort: WS_PORT, rpcPort: RPC_PORT, evapiPort: EVAPI_PORT });
  config.sip = { secret, wsUrl: handle.wsUrl, domain: handle.domain, rpcUrl: handle.rpcUrl, evapi: { host: "127.0.0.1", port: handle.evapiPort }, credentialTtlSeconds: 600 };
  logger.info({ wsUrl: handle.wsUrl }, "Kamailio started (server/sip/kamailio.cfg)");
  return handle;
}
