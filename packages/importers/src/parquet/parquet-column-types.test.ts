import type { SchemaElement, SchemaTree } from "hyparquet";
import { describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { checkParquetColumns, describeParquetType, parquetTypeMatches } from "./parquet-column-types.js";

const node = (element: Partial<SchemaElement> & { name: string }, children: SchemaTree[] = []): SchemaTree => ({
  element: element as SchemaElement,
  children,
  count: 1,
  path: [element.name],
});
const string = (name: string) =>
  node({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });

describe("describeParquetType", () => {
  it("primitives by logical, converted and physical type", () => {
    expect(describeParquetType(string("s"))).toBe("string");
    expect(describeParquetType(node({ name: "i", type: "INT64" }))).toBe("int64");
    expect(
      describeParquetType(
        node({ name: "u", type: "INT32", logical_type: { type: "INTEGER", bitWidth: 16, isSigned: false } }),
      ),
    ).toBe("uint16");
    expect(
      describeParquetType(node({ name: "d", type: "INT64", converted_type: "DECIMAL", precision: 21, scale: 1 })),
    ).toBe("decimal(21,1)");
    expect(describeParquetType(node({ name: "t", type: "INT96" }))).toBe("timestamp");
    expect(describeParquetType(node({ name: "b", type: "BYTE_ARRAY" }))).toBe("binary");
    expect(describeParquetType(node({ name: "r", type: "DOUBLE", repetition_type: "REPEATED" }))).toBe("list<double>");
  });

  it("three-level lists (pyarrow, DuckDB), legacy two-level lists and structs", () => {
    const message = node({ name: "element", repetition_type: "OPTIONAL" }, [string("role"), string("content")]);
    const threeLevel = node({ name: "conversation_a", converted_type: "LIST" }, [
      node({ name: "list", repetition_type: "REPEATED" }, [message]),
    ]);
    expect(describeParquetType(threeLevel)).toBe("list<struct<role: string, content: string>>");
    const twoLevel = node({ name: "conversation_a", converted_type: "LIST" }, [
      node({ name: "array", repetition_type: "REPEATED" }, [string("role"), string("content")]),
    ]);
    expect(describeParquetType(twoLevel)).toBe("list<struct<role: string, content: string>>");
    const bare = node({ name: "conversation_a", repetition_type: "REPEATED" }, [string("content"), string("role")]);
    expect(describeParquetType(bare)).toBe("list<struct<content: string, role: string>>");
    expect(parquetTypeMatches("list<struct<content: string, role: string>>", "conversation")).toBe(true);
    expect(parquetTypeMatches("list<struct<role: string, text: string>>", "conversation")).toBe(false);
    expect(parquetTypeMatches("list<string>", "conversation")).toBe(false);
  });
});

describe("checkParquetColumns", () => {
  it("names every missing column with its expected type and every mistyped one with its type", () => {
    const check = () =>
      checkParquetColumns(
        "x.parquet",
        [
          { name: "a", type: "string" },
          { name: "n", type: "double" },
          { name: "c", type: "list<string>" },
        ],
        {
          name: "test",
          required: { a: "string", b: "integer", n: "integer" },
          optional: { c: "conversation", d: "string" },
        },
      );
    expect(check).toThrow(ImportInputError);
    expect(check).toThrow(
      "x.parquet: not the test schema: missing column b (integer (int32/int64)); wrong type: n is double, " +
        "expected integer (int32/int64); c is list<string>, expected list<struct<role: string, content: string>>. " +
        "The file has: a (string), n (double), c (list<string>)",
    );
  });

  it("accepts a file with the columns and types it needs (optional columns may be absent)", () => {
    expect(() =>
      checkParquetColumns("x.parquet", [{ name: "a", type: "int32" }], {
        name: "test",
        required: { a: "string or integer" },
        optional: { b: "string" },
      }),
    ).not.toThrow();
  });
});
