export { type ComparisonTable, StrengthCode, VerdictCode } from "./comparison-table.js";
