import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { LeaderboardSettings } from "../model/compute-leaderboard.js";
import { ViewModel } from "../model/view-model.js";
import { openViewSource } from "../source/open-view-source.js";
import type { ViewSource } from "../source/view-source.js";
import { ViewerInputError } from "../source/viewer-input-error.js";
import { createViewerApp } from "./create-viewer-app.js";
import { loadViewerAssets, type ViewerAsset } from "./viewer-assets.js";

/** Options of {@link startViewer}. */
export interface StartViewerOptions {
  /** A dataset folder or a run folder. */
  readonly path: string;
  /** Default 127.0.0.1. Any other address needs a token, generated here. */
  readonly host?: string;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
  /** Bootstrap resamples of leaderboards and judge figures; default 200. */
  readonly bootstrapRounds?: number;
  readonly seed?: number;
  /** How often a run folder's log is checked for new lines (ms); default 500. */
  readonly refreshMs?: number;
  /** How long a leaderboard request waits for its board before showing the provisional page (ms). */
  readonly boardWaitMs?: number;
  /** Overrides the bundled assets (tests). */
  readonly assets?: ReadonlyMap<string, ViewerAsset>;
}

/** A running viewer. */
export interface RunningViewer {
  /** The URL to open (with `?token=` when a token is needed). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string | undefined;
  readonly source: ViewSource;
  /** Seconds spent loading and indexing the folder. */
  readonly loadSeconds: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Opens the folder and serves the viewer. Binds 127.0.0.1 unless told otherwise; any other host gets a random
 * 128-bit token that every request must carry. A port that is taken is a {@link ViewerInputError} naming it.
 * Run folders are re-read every `refreshMs` while the viewer runs.
 */
export async function startViewer(options: StartViewerOptions): Promise<RunningViewer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ViewerInputError(`port must be 0–65535, got ${port}`);
  const token = LOOPBACK.has(host) ? undefined : randomBytes(16).toString("hex");
  const assets = options.assets ?? loadViewerAssets();
  const started = performance.now();
  const source = await openViewSource(options.path);
  const settings: LeaderboardSettings = { seed: options.seed ?? 2026, bootstrapRounds: options.bootstrapRounds ?? 200 };
  const model = new ViewModel(source, settings);
  // Part of loading: win rates (one pass over the table, they back the provisional leaderboard) and handing the
  // table to the worker thread (one copy), so that the first request only sends a query.
  model.winRates();
  const loadSeconds = (performance.now() - started) / 1000;
  const app = createViewerApp({
    model,
    assets,
    token,
    ...(options.boardWaitMs === undefined ? {} : { boardWaitMs: options.boardWaitMs }),
  });
  const server = createServer(getRequestListener(app.fetch));
  try {
    await listen(server, host, port);
  } catch (error) {
    await model.close();
    source.close();
    throw error;
  }
  let refreshing = false;
  const timer =
    source.kind === "run"
      ? setInterval(() => {
          if (refreshing) return;
          refreshing = true;
          source
            .refresh()
            .catch(() => {})
            .finally(() => {
              refreshing = false;
            });
        }, options.refreshMs ?? 500)
      : undefined;
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}/${token === undefined ? "" : `?token=${token}`}`;
  return {
    url,
    host,
    port: address.port,
    token,
    source,
    loadSeconds,
    close: async () => {
      if (timer !== undefined) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await model.close();
      source.close();
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE")
        reject(
          new ViewerInputError(
            `port ${port} is in use on ${host}; choose another with --port N, or --port 0 for a free one`,
          ),
        );
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND")
        reject(new ViewerInputError(`cannot listen on host ${host}: ${error.message}`));
      else if (error.code === "EACCES") reject(new ViewerInputError(`no permission to listen on ${host}:${port}`));
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}
