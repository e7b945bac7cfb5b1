import { sipPhoneUser } from "@switchboard/shared";
import type { AppDeps } from "../app-deps.js";
import { kamailioRpc, type KamailioRpc } from "./kamailio-rpc.js";

/**
 * DESIGN.md §14: revoking a member or signing out of the dock removes their registrations at
 * once and refuses credentials issued before. Kamailio keeps `revoked` (userId => unix second)
 * for as long as a credential lives and refuses any credential issued at or before it; `ul.rm`
 * drops the bindings. The mark goes first so a refresh racing the removal cannot re-register.
 *
 * Why a push rather than Kamailio asking the server per request: REGISTER refreshes and calls
 * keep working while the server restarts, and revocation costs one RPC. The cost: a Kamailio
 * restart forgets the marks, so credentials issued before a revoke could register again until
 * they expire (SIP_CREDENTIAL_TTL, 10 minutes by default); the server also stops issuing new ones.
 */
export async function revokeSipUser(rpc: KamailioRpc, userId: string, now: Date): Promise<void> {
  // The member's own SIP phone (endpoint `sip`) has an account of its own: it goes with them.
  const phone = sipPhoneUser(userId);
  await rpc.call("htable.seti", ["revoked", userId, Math.floor(now.getTime() / 1000)]);
  await rpc.call("htable.seti", ["revoked", phone, Math.floor(now.getTime() / 1000)]);
  await rpc.call("ul.rm", ["location", userId]);
  await rpc.call("ul.rm", ["location", phone]).catch(() => undefined); // most members have no SIP phone registered
}

/** Listens for revocations and sign-outs on this node's events; returns a detach function. */
export function attachSipRevocation(deps: AppDeps, rpc: KamailioRpc | undefined = rpcFor(deps)): () => void {
  if (!rpc) return () => {};
  const revoke = (userId: string) =>
    void revokeSipUser(rpc, userId, deps.clock.now()).catch((err) => deps.logger.error({ err, userId }, "SIP revocation did not reach Kamailio"));
  const onSessions: Parameters<typeof deps.events.on<"sessions.revoked">>[1] = ({ userId, reason, hadSipCredentials }) => {
    // Signing out of the console leaves the dock's phone alone; signing out of a dock revokes
    // the user's SIP credentials (another dock of the same user re-registers at its next renewal).
    if (reason === "logout" && !hadSipCredentials) return;
    revoke(userId);
  };
  const onMembership: Parameters<typeof deps.events.on<"membership.revoked">>[1] = ({ userId }) => revoke(userId);
  deps.events.on("sessions.revoked", onSessions);
  deps.events.on("membership.revoked", onMembership);
  return () => {
    deps.events.off("sessions.revoked", onSessions);
    deps.events.off("membership.revoked", onMembership);
  };
}

function rpcFor(deps: AppDeps): KamailioRpc | undefined {
  const url = deps.config.sip?.rpcUrl;
  if (deps.config.sip && !url) deps.logger.warn("KAMAILIO_RPC_URL is not set: revocations cannot remove SIP registrations");
  return url ? kamailioRpc(url) : undefined;
}
