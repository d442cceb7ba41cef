/** One column of a terminal table: header, cell text per row, and alignment. */
export interface TableColumn<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  readonly align?: "left" | "right";
}

/** Renders rows as a plain-text table with padded columns (no colours, safe for pipes). */
export function formatTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((rowCells) => (rowCells[index] ?? "").length)),
  );
  const renderLine = (values: readonly string[]) =>
    values
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === "right" ? value.padStart(width) : value.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const header = renderLine(columns.map((column) => column.header));
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return `${[header, rule, ...cells.map(renderLine)].join("\n")}\n`;
}
