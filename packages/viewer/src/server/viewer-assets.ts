import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A bundled file the viewer serves. */
export interface ViewerAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** The package's built client files (`pnpm build` bundles them into dist/assets). */
export const ASSET_DIRECTORY = fileURLToPath(new URL("../../dist/assets/", import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  "viewer.js": "text/javascript; charset=utf-8",
  "viewer.css": "text/css; charset=utf-8",
};

/**
 * Loads the served assets by a fixed list of names (never a path from a URL, so no request can reach another
 * file). Throws, saying how to build them, when the bundle is missing.
 */
export function loadViewerAssets(directory = ASSET_DIRECTORY): ReadonlyMap<string, ViewerAsset> {
  const assets = new Map<string, ViewerAsset>();
  for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
    const path = `${directory}${name}`;
    if (!existsSync(path))
      throw new Error(
        `${path} is missing: build the viewer's client bundle with \`pnpm build\` (or pnpm --filter @judgelab/viewer build)`,
      );
    assets.set(name, { body: readFileSync(path), contentType });
  }
  return assets;
}
