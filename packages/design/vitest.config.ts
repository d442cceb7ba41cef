import { defineJudgelabVitestConfig } from "../../vitest.shared.ts";

export default defineJudgelabVitestConfig();
