#!/usr/bin/env node
// Writes the package-boundary lint rules into biome.json's `overrides` (biome's `noRestrictedImports`, whose
// gitignore-style patterns cannot know how deep a file sits, so there is one override per folder depth):
// - a relative import may not leave its package (`packages/<p>/src/a/b.ts` may go up to `packages/<p>/`, no
//   further); the only exception is each package's `vitest.config.ts` importing the root `vitest.shared.ts`;
// - `@judgelab/<p>/<subpath>` is allowed only for subpaths in `<p>`'s package.json `exports` (so never `src/` or
//   `dist/`), everywhere;
// - root scripts may not import `packages/<p>/src/` by path except unexported test fixtures
//   (`src/test-support/`, used by the benchmarks); everything else goes through the package name.
//
//   node scripts/lint/write-boundary-rules.mjs          rewrite biome.json
//   node scripts/lint/write-boundary-rules.mjs --check  exit 1 when biome.json is not what this would write
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const MAX_DEPTH = 6;
const EXTENSIONS = ["ts", "mts", "mjs", "js"];
const MARK = "boundary:";

const exported = [];
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, group)).sort()) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, group, name, "package.json"), "utf8"));
    } catch {
      continue;
    }
    for (const subpath of Object.keys(manifest.exports ?? {})) {
      if (subpath !== ".") exported.push(`${manifest.name}/${subpath.replace(/^\.\//, "")}`);
    }
  }
}
const deepImports = {
  group: ["@judgelab/*/**", ...exported.sort().map((allowed) => `!${allowed}`)],
  message:
    `${MARK} import a package by its name or an entry of its package.json "exports", never a deep path ` +
    "(src/, dist/ or an unexported file): add an export or use an exported name.",
};

function rule(patterns) {
  return { linter: { rules: { style: { noRestrictedImports: { level: "error", options: { patterns } } } } } };
}

const overrides = [];
for (const group of ["packages", "apps"]) {
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const folders = "/*".repeat(depth);
    const includes = EXTENSIONS.map((extension) => `${group}/*${folders}/*.${extension}`);
    const leave = [`${"../".repeat(depth + 1)}**`];
    if (depth === 0) leave.push("!../../vitest.shared.ts");
    overrides.push({
      includes,
      ...rule([
        {
          group: leave,
          message:
            `${MARK} this relative import leaves its package: import the other package by its name ` +
            "(declared in package.json), never by path.",
        },
        deepImports,
      ]),
    });
  }
}
overrides.push({
  includes: EXTENSIONS.map((extension) => `scripts/**/*.${extension}`),
  ...rule([
    {
      group: ["**/packages/*/src/**", "**/apps/*/src/**", "!**/packages/*/src/test-support/**"],
      message: `${MARK} import the package by its name (run with --conditions=source), not its src/ by path.`,
    },
    deepImports,
  ]),
});

const configPath = join(root, "biome.json");
const current = readFileSync(configPath, "utf8");
const config = JSON.parse(current);
const isBoundary = (override) =>
  JSON.stringify(override.linter?.rules?.style?.noRestrictedImports ?? "").includes(MARK);
config.overrides = [...(config.overrides ?? []).filter((override) => !isBoundary(override)), ...overrides];
const next = `${JSON.stringify(config, null, 2)}\n`;
if (process.argv.includes("--check")) {
  if (JSON.stringify(JSON.parse(current)) !== JSON.stringify(config)) {
    console.error(
      "biome.json's package-boundary rules are out of date: run node scripts/lint/write-boundary-rules.mjs",
    );
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(configPath, next);
  console.error("biome.json: package-boundary rules written");
}
