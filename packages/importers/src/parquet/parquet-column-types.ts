import { type FileMetaData, parquetSchema, type SchemaTree } from "hyparquet";
import { ImportInputError } from "../import-input-error.js";

/** A top-level column of a Parquet file and its type, written as `string`, `int64`, `list<struct<role: string>>`. */
export interface ParquetColumn {
  readonly name: string;
  readonly type: string;
}

/** What an importer needs a column to hold; {@link EXPECTED_TYPE_TEXT} says it in words for error messages. */
export type ExpectedParquetType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "conversation"
  | "string or integer"
  | "string or timestamp"
  | "any";

/** The expected types as error messages write them. */
export const EXPECTED_TYPE_TEXT: Readonly<Record<ExpectedParquetType, string>> = {
  string: "string",
  integer: "integer (int32/int64)",
  number: "number (int or float/double)",
  boolean: "boolean",
  conversation: "list<struct<role: string, content: string>>",
  "string or integer": "string or integer",
  "string or timestamp": "string or timestamp",
  any: "any type",
};

function primitiveType(tree: SchemaTree): string {
  const { element } = tree;
  const logical = element.logical_type;
  if (logical !== undefined) {
    if (logical.type === "STRING" || logical.type === "ENUM" || logical.type === "UUID") return "string";
    if (logical.type === "JSON") return "json";
    if (logical.type === "INTEGER") return `${logical.isSigned ? "int" : "uint"}${logical.bitWidth}`;
    if (logical.type === "DECIMAL") return `decimal(${logical.precision},${logical.scale})`;
    if (logical.type === "TIMESTAMP" || logical.type === "DATE" || logical.type === "TIME")
      return logical.type.toLowerCase();
  }
  const converted = element.converted_type;
  if (converted === "UTF8" || converted === "ENUM") return "string";
  if (converted === "JSON") return "json";
  if (converted?.startsWith("INT_") || converted?.startsWith("UINT_")) return converted.replace("_", "").toLowerCase();
  if (converted === "DECIMAL") return `decimal(${element.precision},${element.scale})`;
  if (converted?.startsWith("TIMESTAMP")) return "timestamp";
  if (converted === "DATE") return "date";
  const physical: Record<string, string> = {
    BOOLEAN: "boolean",
    INT32: "int32",
    INT64: "int64",
    INT96: "timestamp",
    FLOAT: "float",
    DOUBLE: "double",
    BYTE_ARRAY: "binary",
    FIXED_LEN_BYTE_ARRAY: "binary",
  };
  return physical[element.type ?? ""] ?? String(element.type);
}

/** The type of a schema node, nested lists and structs included (three-level and legacy two-level lists). */
export function describeParquetType(tree: SchemaTree): string {
  const { element, children } = tree;
  if (children.length === 0) {
    const type = primitiveType(tree);
    return element.repetition_type === "REPEATED" ? `list<${type}>` : type;
  }
  const isList = element.logical_type?.type === "LIST" || element.converted_type === "LIST";
  if (isList && children.length === 1) {
    const repeated = children[0]!;
    // Three-level list: LIST > repeated group (one child "element"/"item") > element. Otherwise two-level.
    const inner =
      repeated.children.length === 1
        ? repeated.children[0]!
        : { ...repeated, element: { ...repeated.element, repetition_type: "REQUIRED" as const } };
    return `list<${describeParquetType(inner)}>`;
  }
  if (element.logical_type?.type === "MAP" || element.converted_type === "MAP") {
    const entry = children[0]!;
    return `map<${entry.children.map((child) => describeParquetType(child)).join(", ")}>`;
  }
  const struct = `struct<${children.map((child) => `${child.element.name}: ${describeParquetType(child)}`).join(", ")}>`;
  return element.repetition_type === "REPEATED" ? `list<${struct}>` : struct;
}

/** The top-level columns of a file, with their types. */
export function describeParquetColumns(metadata: FileMetaData): ParquetColumn[] {
  return parquetSchema(metadata).children.map((child) => ({
    name: child.element.name,
    type: describeParquetType(child),
  }));
}

/** True when a column of type `type` can be read as `expected`. */
export function parquetTypeMatches(type: string, expected: ExpectedParquetType): boolean {
  const isString = /^(string|json|binary)$/.test(type);
  const isInteger = /^u?int\d+$/.test(type);
  switch (expected) {
    case "string":
      return isString;
    case "integer":
      return isInteger;
    case "number":
      return isInteger || /^(float|double|decimal\(.*\))$/.test(type);
    case "boolean":
      return type === "boolean";
    case "string or integer":
      return isString || isInteger;
    case "string or timestamp":
      return isString || /^(timestamp|date)$/.test(type);
    case "any":
      return true;
    case "conversation":
      return /^list<struct<.*>>$/.test(type) && /\brole: string\b/.test(type) && /\bcontent: string\b/.test(type);
  }
}

/**
 * Checks that a file has the columns a layout needs, with types it can read. Every missing or mistyped column is
 * named with its expected type in one {@link ImportInputError}, e.g.
 * `arena.parquet: missing columns winner (string), model_b (string); wrong type: turn is string, expected integer`.
 * `optional` columns are only type-checked when present.
 */
export function checkParquetColumns(
  path: string,
  columns: readonly ParquetColumn[],
  layout: {
    readonly name: string;
    readonly required: Readonly<Record<string, ExpectedParquetType>>;
    readonly optional?: Readonly<Record<string, ExpectedParquetType>>;
  },
): void {
  const types = new Map(columns.map((column) => [column.name, column.type]));
  const missing: string[] = [];
  const wrong: string[] = [];
  const check = (name: string, expected: ExpectedParquetType, required: boolean) => {
    const type = types.get(name);
    if (type === undefined) {
      if (required) missing.push(`${name} (${EXPECTED_TYPE_TEXT[expected]})`);
    } else if (!parquetTypeMatches(type, expected)) {
      wrong.push(`${name} is ${type}, expected ${EXPECTED_TYPE_TEXT[expected]}`);
    }
  };
  for (const [name, expected] of Object.entries(layout.required)) check(name, expected, true);
  for (const [name, expected] of Object.entries(layout.optional ?? {})) check(name, expected, false);
  if (missing.length === 0 && wrong.length === 0) return;
  const parts = [
    ...(missing.length === 0 ? [] : [`missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`]),
    ...(wrong.length === 0 ? [] : [`wrong type: ${wrong.join("; ")}`]),
  ];
  throw new ImportInputError(
    `${path}: not the ${layout.name} schema: ${parts.join("; ")}. The file has: ` +
      `${columns.map((column) => `${column.name} (${column.type})`).join(", ")}`,
    { file: path },
  );
}
