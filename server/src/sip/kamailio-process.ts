import { spawn, type ChildProcess } from "node:child_process"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { connect, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** The one Kamailio config (tests, npm start, production template). */
export const KAMAILIO_CONFIG = fileURLToPath(new URL("../../sip/kamailio.cfg", import.meta.url))

/** Rewrites `#!substdef "!NAME!value!g"` lines; fails if the template lost one. */
export function substituteConfig(template: string, values: Record<string, string | number>): string {
  let text = template
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^#!substdef "!${name}![^!]*!g"$`, "m")
    if (!line.test(text)) throw new Error(`${KAMAILIO_CONFIG} lost its ${name} substdef line`)
    if (/[!"\n]/.test(String(value))) throw new Error(`${name} may not contain ! or quotes`)
    text = text.replace(line, `#!substdef "!${name}!${value}!g"`)
  }
  return text
}

export interface KamailioHandle {
  /** `ws://127.0.0.1:<port>` — what a JsSIP WebSocketInterface connects to. */
  readonly wsUrl: string
  readonly port: number
  /** Kamailio's JSON-RPC over HTTP (loopback only): `http://127.0.0.1:<port>/RPC`. */
  readonly rpcUrl: string
  /** The SIP domain the UAs register under (`sip:<user>@<domain>`). */
  readonly domain: string
  /** Kamailio's evapi listener (loopback TCP): the server's routing decisions go there. */
  readonly evapiPort: number
  /** Everything Kamailio wrote to stderr so far, for failure messages. */
  log(): string
  stop(): Promise<void>
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port"))
      )
    })
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })
}

/**
 * Starts Debian's Kamailio with the repo's config on a free loopback port.
 * `-DD` keeps the main process in the foreground (its workers stay its
 * children), `-E` logs to stderr, and `-Y` points the runtime dir at a temp dir
 * so nothing needs /run/kamailio. No pid file is written (no `-P`).
 */
export interface KamailioOptions {
  /** The auth_ephemeral secret the server signs SIP credentials with. */
  secret: string
  /** How long a credential lives (seconds); revocations are kept as long. */
  credentialTtlSeconds: number
  binary?: string
  timeoutMs?: number
  /** Fixed ports (npm start); free loopback ports otherwise. */
  wsPort?: number
  rpcPort?: number
  evapiPort?: number
}

export async function startKamailio(options: KamailioOptions): Promise<KamailioHandle> {
  const binary = options.binary ?? process.env.KAMAILIO_BIN ?? "kamailio"
  const timeoutMs = options.timeoutMs ?? 15_000
  const dir = await mkdtemp(join(tmpdir(), "switchboard-kamailio-"))
  const port = options.wsPort ?? (await findFreePort())
  const rpcPort = options.rpcPort ?? (await findFreePort())
  const evapiPort = options.evapiPort ?? (await findFreePort())
  const template = await readFile(KAMAILIO_CONFIG, "utf8")
  const configPath = join(dir, "kamailio.cfg")
  await writeFile(
    configPath,
    substituteConfig(template, {
      SB_WS_PORT: port,
      SB_RPC_PORT: rpcPort,
      SB_LISTEN_IP: "127.0.0.1",
      SB_DOMAIN: "127.0.0.1",
      SB_SECRET: options.secret,
      SB_CRED_TTL: options.credentialTtlSeconds,
      SB_EVAPI_PORT: evapiPort,
    }),
    { mode: 0o600 }
  )

  let output = ""
  const child: ChildProcess = spawn(
    binary,
    ["-DD", "-E", "-Y", dir, "-w", dir, "-f", configPath],
    // Own process group, so stop() reaches the workers even if the main
    // process dies first.
    { stdio: ["ignore", "pipe", "pipe"], detached: true }
  )
  child.stdout?.on("data", (chunk) => (output += String(chunk)))
  child.stderr?.on("data", (chunk) => (output += String(chunk)))
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  let spawnError: Error | undefined
  child.once("error", (error) => (spawnError = error))

  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        // already gone
      }
      const killTimer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL")
        } catch {
          // already gone
        }
      }, 5_000)
      await exited
      clearTimeout(killTimer)
    }
    await rm(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (spawnError) {
      await cleanUp()
      throw new Error(`could not start ${binary}: ${spawnError.message}`)
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanUp()
      throw new Error(`kamailio exited early (${child.exitCode ?? child.signalCode}):\n${output}`)
    }
    if ((await canConnect(port)) && (await canConnect(rpcPort)) && (await canConnect(evapiPort))) break
    if (Date.now() > deadline) {
      await cleanUp()
      throw new Error(`kamailio did not listen on 127.0.0.1:${port}:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    rpcUrl: `http://127.0.0.1:${rpcPort}/RPC`,
    domain: "127.0.0.1",
    evapiPort,
    log: () => output,
    stop: cleanUp,
  }
}
