import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * One vitest configuration for every package: tests run against TypeScript sources
 * (the `source` export condition), never against stale `dist/` builds.
 */
export function defineJudgelabVitestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  const conditions = ["source", "module", "node", "import", "default"];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ["source"] } },
    ...overrides,
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: "forks",
      ...(overrides.test ?? {}),
    },
  });
}
