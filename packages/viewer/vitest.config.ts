import { defineJudgelabVitestConfig } from "../../vitest.shared.ts";

export default defineJudgelabVitestConfig({ test: { globalSetup: ["./src/test-support/build-client-once.ts"] } });
