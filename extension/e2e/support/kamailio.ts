import { spawn, type ChildProcess } from "node:child_process"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { connect, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const CONFIG_TEMPLATE = fileURLToPath(
  new URL("../kamailio/kamailio.cfg", import.meta.url)
)
const PORT_LINE = /^#!substdef "!SB_WS_PORT!\d+!g"$/m

export interface KamailioHandle {
  /** `ws://127.0.0.1:<port>` — what a JsSIP WebSocketInterface connects to. */
  readonly wsUrl: string
  readonly port: number
  /** The SIP domain the UAs register under (`sip:<user>@<domain>`). */
  readonly domain: string
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
export async function startKamailio(
  options: { binary?: string; timeoutMs?: number } = {}
): Promise<KamailioHandle> {
  const binary = options.binary ?? process.env.KAMAILIO_BIN ?? "kamailio"
  const timeoutMs = options.timeoutMs ?? 15_000
  const dir = await mkdtemp(join(tmpdir(), "switchboard-kamailio-"))
  const port = await findFreePort()
  const template = await readFile(CONFIG_TEMPLATE, "utf8")
  if (!PORT_LINE.test(template)) {
    throw new Error(`${CONFIG_TEMPLATE} lost its SB_WS_PORT substdef line`)
  }
  const configPath = join(dir, "kamailio.cfg")
  await writeFile(
    configPath,
    template.replace(PORT_LINE, `#!substdef "!SB_WS_PORT!${port}!g"`)
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
    if (await canConnect(port)) break
    if (Date.now() > deadline) {
      await cleanUp()
      throw new Error(`kamailio did not listen on 127.0.0.1:${port}:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    domain: "127.0.0.1",
    log: () => output,
    stop: cleanUp,
  }
}
