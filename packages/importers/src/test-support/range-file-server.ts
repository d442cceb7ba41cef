import { createServer, type IncomingMessage, type Server } from "node:http";

/** How the server answers one request for a served file (tests script faults per request). */
export type RangeServerFault =
  | { readonly kind: "cut"; readonly afterBytes: number }
  | { readonly kind: "status"; readonly status: number }
  | { readonly kind: "ignore-range" }
  | { readonly kind: "redirect"; readonly location: string };

/** One request the server saw. */
export interface RangeServerRequest {
  readonly path: string;
  readonly range: string | undefined;
  readonly authorization: string | undefined;
}

/** A local 127.0.0.1 file server that honours `Range: bytes=N-` and can drop connections mid-file. */
export interface RangeFileServer {
  readonly baseUrl: string;
  readonly files: Map<string, Buffer>;
  /** Faults used by the next requests, first in first out (an empty queue answers normally). */
  readonly faults: RangeServerFault[];
  readonly requests: RangeServerRequest[];
  close(): Promise<void>;
}

function answer(
  request: IncomingMessage,
  response: import("node:http").ServerResponse,
  body: Buffer,
  fault: RangeServerFault | undefined,
) {
  const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? "");
  const start = range === null || fault?.kind === "ignore-range" ? 0 : Number(range[1]);
  if (start >= body.length && start > 0) {
    response.writeHead(416, { "content-range": `bytes */${body.length}` });
    response.end();
    return;
  }
  const slice = body.subarray(start);
  const headers: Record<string, string> = { "content-length": String(slice.length) };
  if (start > 0) headers["content-range"] = `bytes ${start}-${body.length - 1}/${body.length}`;
  response.writeHead(start > 0 ? 206 : 200, headers);
  if (fault?.kind === "cut") {
    // Send part of the body, let the client read it, then kill the socket: a truncated transfer.
    response.write(slice.subarray(0, fault.afterBytes), () => {
      setTimeout(() => response.socket?.destroy(), 150);
    });
    return;
  }
  response.end(slice);
}

/** Starts a `RangeFileServer` on an ephemeral 127.0.0.1 port. */
export async function startRangeFileServer(): Promise<RangeFileServer> {
  const files = new Map<string, Buffer>();
  const faults: RangeServerFault[] = [];
  const requests: RangeServerRequest[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "";
    requests.push({ path, range: request.headers.range, authorization: request.headers.authorization });
    const body = files.get(path);
    const fault = faults.shift();
    if (fault?.kind === "redirect") {
      response.writeHead(302, { location: fault.location });
      response.end();
      return;
    }
    if (fault?.kind === "status") {
      response.writeHead(fault.status);
      response.end("refused");
      return;
    }
    if (body === undefined) {
      response.writeHead(404);
      response.end("not found");
      return;
    }
    answer(request, response, body, fault);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    files,
    faults,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
