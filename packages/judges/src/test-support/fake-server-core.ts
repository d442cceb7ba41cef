import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A scripted fault for one request to a fake provider server.
 * - `status`: an HTTP error with the protocol's error body, optional `Retry-After` (seconds or HTTP date, verbatim)
 *   and `retry-after-ms` headers;
 * - `delay`: wait before answering (for timeouts); `drop`: destroy the socket before any response;
 * - `drop-mid-body`: send headers and half a body, then destroy the socket;
 * - `malformed-json`: status 200, `application/json`, a truncated JSON body;
 * - `refusal`, `unparseable`, `content-filter`, `truncated`: a well-formed answer without a usable verdict.
 */
export type FakeFault =
  | { readonly kind: "status"; readonly status: number; readonly retryAfter?: string; readonly retryAfterMs?: number }
  | { readonly kind: "delay"; readonly ms: number }
  | { readonly kind: "drop" }
  | { readonly kind: "drop-mid-body" }
  | { readonly kind: "malformed-json" }
  | { readonly kind: "refusal" }
  | { readonly kind: "unparseable" }
  | { readonly kind: "content-filter" }
  | { readonly kind: "truncated" };

/** One logged request. The credential is checked, never recorded: `authorized` says whether it matched. */
export interface FakeRequestLogEntry {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  /** Parsed JSON body (undefined for GET or non-JSON bodies). */
  readonly body: unknown;
  /** Model named in the body or URL, when there is one. */
  readonly model?: string;
  /** Whether the request carried the protocol's credential header at all. */
  readonly credentialPresent: boolean;
  /** Whether the credential matched the server's `apiKey` (always true when the server has none). */
  readonly authorized: boolean;
  readonly fault?: FakeFault["kind"];
  readonly receivedAt: number;
}

/** Options shared by the fake provider servers. */
export interface FakeServerOptions {
  /** Added delay before every response, in milliseconds. */
  readonly latencyMs?: number;
  /** When set, requests whose credential differs get the protocol's 401. */
  readonly apiKey?: string;
  /** Per-request fault policy (e.g. seeded random faults), consulted after the fault queue. */
  readonly faultPolicy?: (request: {
    readonly index: number;
    readonly path: string;
    readonly body: unknown;
  }) => FakeFault | undefined;
}

/** What a route answers. */
export interface FakeRouteResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send `body` verbatim (a string) instead of JSON. */
  readonly raw?: boolean;
}

/** A route of a fake server. `faultable` routes consume queued faults. */
export interface FakeRoute {
  readonly method: "GET" | "POST" | "DELETE";
  readonly pattern: RegExp;
  readonly faultable: boolean;
  readonly handle: (context: FakeRouteContext) => Promise<FakeRouteResponse> | FakeRouteResponse;
}

/** What a route handler sees. */
export interface FakeRouteContext {
  readonly match: RegExpExecArray;
  readonly body: unknown;
  readonly rawBody: Buffer;
  readonly headers: IncomingMessage["headers"];
  readonly fault: FakeFault | undefined;
  readonly baseUrl: string;
}

/** Protocol specifics plugged into the core. */
export interface FakeProtocol {
  readonly routes: readonly FakeRoute[];
  /** Credential sent by the client, or undefined. */
  readonly credentialOf: (headers: IncomingMessage["headers"], url: URL) => string | undefined;
  /** Error body in the protocol's shape. */
  readonly errorBody: (status: number, message: string) => unknown;
  readonly modelOf: (path: string, body: unknown) => string | undefined;
}

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  readonly log: FakeRequestLogEntry[];
  /** Faults for the next faultable requests, consumed in order. */
  readonly faults: FakeFault[];
  close(): Promise<void>;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, answer: FakeRouteResponse): void {
  const text = answer.raw === true ? String(answer.body) : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "content-type": answer.raw === true ? "application/octet-stream" : "application/json",
    "content-length": Buffer.byteLength(text),
    ...answer.headers,
  });
  response.end(text);
}

/** Starts a fake server for one protocol on 127.0.0.1 with an ephemeral port. */
export async function startFakeServer(protocol: FakeProtocol, options: FakeServerOptions = {}): Promise<FakeServer> {
  const log: FakeRequestLogEntry[] = [];
  const faults: FakeFault[] = [];
  let origin = "";
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", origin);
    const rawBody = await readBody(request);
    let body: unknown;
    if (rawBody.length > 0 && String(request.headers["content-type"] ?? "").includes("json")) {
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        body = undefined;
      }
    }
    const method = request.method ?? "GET";
    const route = protocol.routes.find(
      (candidate) => candidate.method === method && candidate.pattern.test(url.pathname),
    );
    const index = log.length;
    const credential = protocol.credentialOf(request.headers, url);
    const authorized = options.apiKey === undefined || credential === options.apiKey;
    let fault: FakeFault | undefined;
    if (route?.faultable === true && authorized) {
      fault = faults.shift() ?? options.faultPolicy?.({ index, path: url.pathname, body });
    }
    const model = protocol.modelOf(url.pathname, body);
    log.push({
      index,
      method,
      path: url.pathname,
      body,
      ...(model === undefined ? {} : { model }),
      credentialPresent: credential !== undefined,
      authorized,
      ...(fault === undefined ? {} : { fault: fault.kind }),
      receivedAt: Date.now(),
    });
    if (options.latencyMs !== undefined && options.latencyMs > 0) await sleep(options.latencyMs);
    if (route === undefined) {
      send(response, { status: 404, body: protocol.errorBody(404, `no route for ${method} ${url.pathname}`) });
      return;
    }
    if (!authorized) {
      // Echoes the presented credential like a careless proxy would, so tests can prove clients scrub it.
      const presented = credential === undefined ? "none" : credential;
      send(response, { status: 401, body: protocol.errorBody(401, `invalid API key provided: ${presented}`) });
      return;
    }
    if (fault?.kind === "delay") await sleep(fault.ms);
    if (fault?.kind === "drop") {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "status") {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
      send(response, {
        status: fault.status,
        headers,
        body: protocol.errorBody(fault.status, `injected HTTP ${fault.status}`),
      });
      return;
    }
    const answer = await route.handle({
      match: route.pattern.exec(url.pathname)!,
      body,
      rawBody,
      headers: request.headers,
      fault,
      baseUrl: origin,
    });
    if (fault?.kind === "malformed-json") {
      const text = JSON.stringify(answer.body);
      const truncated = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(truncated) });
      response.end(truncated);
      return;
    }
    if (fault?.kind === "drop-mid-body") {
      const text = answer.raw === true ? String(answer.body) : JSON.stringify(answer.body);
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => request.socket.destroy(), 5);
      return;
    }
    send(response, answer);
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        send(response, { status: 500, body: protocol.errorBody(500, `fake server error: ${String(error)}`) });
      } else {
        response.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    log,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
