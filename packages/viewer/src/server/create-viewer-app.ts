import { timingSafeEqual } from "node:crypto";
import type { RatingMethod } from "@judgelab/ratings";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { streamSSE } from "hono/streaming";
import { renderComparisonCard } from "../html/comparison-card.js";
import { comparisonQueryFrom, renderComparisons } from "../html/comparisons-page.js";
import { esc } from "../html/html-text.js";
import { renderItemPage } from "../html/item-page.js";
import { renderJudges } from "../html/judges-page.js";
import { type LeaderboardView, renderLeaderboard, sideBySideJudges } from "../html/leaderboard-page.js";
import { renderLive } from "../html/live-page.js";
import { renderPage, type ViewName } from "../html/render-page.js";
import { LEADERBOARD_METHODS, type LeaderboardResult } from "../model/compute-leaderboard.js";
import { settleWithin, type ViewModel } from "../model/view-model.js";
import type { ViewerAsset } from "./viewer-assets.js";

/**
 * Content-Security-Policy of every response: only same-origin scripts, styles, images and connections (the
 * bundled client and the event stream), no inline script or style, no frames, no form posts elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TOKEN_COOKIE = "judgelab_view_token";
/** A leaderboard request waits this long for its board, then shows win rates while the board is rated. */
export const DEFAULT_BOARD_WAIT_MS = 800;

/** Options of {@link createViewerApp}. */
export interface ViewerAppOptions {
  readonly model: ViewModel;
  readonly assets: ReadonlyMap<string, ViewerAsset>;
  /** When set, every request must carry it (`?token=` once, then a cookie, or `Authorization: Bearer`). */
  readonly token?: string | undefined;
  /**
   * How long a leaderboard request waits for its board before answering with the provisional page (ms); default
   * {@link DEFAULT_BOARD_WAIT_MS}.
   */
  readonly boardWaitMs?: number;
  /** How often the event stream checks for a new data version (ms); default 250. */
  readonly eventPollMs?: number;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function pageNumber(value: string | undefined): number {
  const page = Number(value ?? "0");
  return Number.isInteger(page) && page >= 0 && page < 1e7 ? page : 0;
}

/**
 * The viewer's routes (read-only: only GET and HEAD are served). Pages are rendered on the server with every
 * dataset string escaped; `X-Fragment: main` returns only the page's main content (the client swaps it in when a
 * live run changes). Nothing maps a URL to a file path: items and comparisons are looked up by id and row, assets by
 * a fixed name list.
 */
export function createViewerApp(options: ViewerAppOptions): Hono {
  const { model, assets, token } = options;
  const app = new Hono();

  app.use("*", guardRequest(token));

  const page = (c: Context, view: ViewName, title: string, main: string) => {
    c.header("Cache-Control", "no-store");
    if (c.req.header("x-fragment") === "main") return c.html(main);
    return c.html(renderPage({ title, view, source: model.source, main }));
  };

  app.get("/assets/:name", (c) => {
    const asset = assets.get(c.req.param("name"));
    if (asset === undefined) return c.text("not found", 404);
    return c.body(new Uint8Array(asset.body), 200, {
      "Content-Type": asset.contentType,
      "Cache-Control": "no-cache",
    });
  });

  app.get("/", (c) => leaderboardPage(c, model, options.boardWaitMs ?? DEFAULT_BOARD_WAIT_MS, page));

  app.get("/comparisons", (c) => {
    const parameters = new URL(c.req.url).searchParams;
    const main = renderComparisons(model.data, comparisonQueryFrom(parameters), pageNumber(c.req.query("page")));
    return page(c, "comparisons", "Comparisons", main);
  });

  app.get("/comparison/:row", (c) => {
    const data = model.data;
    const row = Number(c.req.param("row"));
    if (!Number.isInteger(row) || row < 0 || row >= data.table.size) return c.text("no such comparison", 404);
    return page(
      c,
      "comparisons",
      data.table.comparisonIds[row] ?? "comparison",
      renderComparisonCard(data, row, { open: true }),
    );
  });

  app.get("/item/:id", async (c) => {
    const id = c.req.param("id");
    const code = model.data.itemCodes.get(id);
    if (code === undefined) {
      c.status(404);
      return page(c, "item", "Not found", `<h1>No item ${esc(id)}</h1>`);
    }
    const title = model.data.items[code]?.title ?? id;
    const seedBoard = await model.seedBoardWithin(options.boardWaitMs ?? DEFAULT_BOARD_WAIT_MS);
    return page(c, "item", title, renderItemPage(model, code, pageNumber(c.req.query("page")), seedBoard));
  });

  app.get("/judges", async (c) => {
    const metrics = await model.analysisWithin(options.boardWaitMs ?? DEFAULT_BOARD_WAIT_MS);
    return page(c, "judges", "Judges", renderJudges(metrics));
  });
  app.get("/live", async (c) => {
    const seedBoard = await model.seedBoardWithin(options.boardWaitMs ?? DEFAULT_BOARD_WAIT_MS);
    return page(c, "live", "Run", renderLive(model, seedBoard));
  });

  app.get("/api/status", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({
      kind: model.source.kind,
      version: model.source.version,
      comparisons: model.data.table.size,
      progress: model.source.progress() ?? null,
      notices: model.source.notices(),
    });
  });

  app.get("/events", (c) => eventStream(c, model, options.eventPollMs ?? 250));

  app.notFound((c) => c.text("not found", 404));
  app.onError((error, c) => {
    if (error instanceof RangeError) return c.text(error.message, 400);
    return c.text(`internal error: ${error.message}`, 500);
  });
  return app;
}

/**
 * Security headers on every response; only GET and HEAD; with a token, the request must carry it (`?token=` sets
 * the cookie, else the cookie or `Authorization: Bearer`).
 */
function guardRequest(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return c.text("read-only viewer: only GET is served", 405);
    if (token !== undefined) {
      const query = c.req.query("token");
      const bearer = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
      const cookie = getCookie(c, TOKEN_COOKIE);
      if (sameToken(query, token)) {
        setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/" });
      } else if (!sameToken(bearer, token) && !sameToken(cookie, token)) {
        return c.text(
          "this viewer needs its access token: open the URL with ?token=… that `judgelab view` printed",
          401,
        );
      }
    }
    return next();
  };
}

type RenderPage = (c: Context, view: ViewName, title: string, main: string) => Response | Promise<Response>;

/** `/`: the leaderboard asked for by the query, with per-judge boards side by side when they are ready in time. */
async function leaderboardPage(c: Context, model: ViewModel, wait: number, page: RenderPage): Promise<Response> {
  const method = c.req.query("method");
  const view: LeaderboardView = {
    query: {
      method: LEADERBOARD_METHODS.includes(method as RatingMethod) ? (method as RatingMethod) : "bt",
      intervals: c.req.query("intervals") === "none" ? "none" : "bootstrap",
      unit: c.req.query("unit") === "match" ? "match" : "comparison",
      ...(c.req.query("category") ? { category: c.req.query("category") } : {}),
    },
    sideBySide: c.req.query("side") === "1",
    page: pageNumber(c.req.query("page")),
  };
  const panel = await model.boardWithin(view.query, wait);
  let perJudge: Map<string, LeaderboardResult> | undefined;
  if (view.sideBySide) {
    const judges = sideBySideJudges(model.data.table.judgeIds);
    const boards = await settleWithin(
      Promise.all(judges.map((judge) => model.requestBoard({ ...view.query, judge, intervals: "none" }))),
      wait,
    );
    if (boards !== undefined) perJudge = new Map(judges.map((judge, index) => [judge, boards[index]!]));
  }
  return page(c, "leaderboard", "Leaderboard", renderLeaderboard(model, view, { panel, perJudge }));
}

/** `/events`: an "update" event whenever the data version changes, a "ping" after 15 s without one. */
function eventStream(c: Context, model: ViewModel, pollMs: number): Response {
  return streamSSE(c, async (stream) => {
    let sent = -1;
    let idle = 0;
    while (!stream.aborted && !stream.closed) {
      const version = model.source.version;
      if (version !== sent) {
        await stream.writeSSE({ event: "update", data: JSON.stringify({ version }) });
        sent = version;
        idle = 0;
      } else if (++idle * pollMs >= 15_000) {
        await stream.writeSSE({ event: "ping", data: "" });
        idle = 0;
      }
      await stream.sleep(pollMs);
    }
  });
}
