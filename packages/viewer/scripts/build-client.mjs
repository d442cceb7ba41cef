// Bundles the viewer's client (vega-embed, vega, vega-lite, vega-interpreter and src/client) into
// dist/assets/viewer.js and copies the stylesheet: everything the pages load is served by the viewer itself.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "assets");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, "src", "client", "viewer-client.ts")],
  outfile: join(out, "viewer.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync(join(root, "src", "client", "viewer.css"), join(out, "viewer.css"));
