import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"

export interface StaticFile {
  contentType: string
  body: string | Buffer
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  close(): Promise<void>
}

/** Serves a fixed map of paths on a free loopback port; 404 for anything else. */
export async function serveStatic(files: Record<string, StaticFile>): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname
    const file = files[path]
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found")
      return
    }
    response.writeHead(200, { "content-type": file.contentType, "cache-control": "no-store" })
    response.end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
