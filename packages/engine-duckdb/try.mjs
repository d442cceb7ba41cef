import { DuckDBInstance } from "@duckdb/node-api";

const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
let t = performance.now();
await c.run(
  `COPY (SELECT 'c' || i AS id, 'p' || (hash(i) % 500) AS first, 'p' || (hash(i*7+1) % 500) AS second, 'known' AS "order", CASE WHEN hash(i*3) % 3 = 0 THEN 'first' WHEN hash(i*3) % 3 = 1 THEN 'second' ELSE 'tie' END AS verdict, 'j' || (i % 3) AS judge, i AS n FROM range(3000000) t(i)) TO '/tmp/duck-order.jsonl' (FORMAT json)`,
);
console.log("write", performance.now() - t);
t = performance.now();
const r = await c.runAndReadAll(
  `WITH s AS (SELECT n, row_number() OVER () AS rn FROM read_json('/tmp/duck-order.jsonl', format='newline_delimited')) SELECT count(*) FILTER (WHERE rn <> n + 1) AS bad, count(*) AS total FROM s`,
);
console.log(r.getRowObjects(), performance.now() - t);
const r2 = await c.runAndReadAll(
  `SELECT current_setting('threads') AS th, current_setting('preserve_insertion_order') AS p`,
);
console.log(r2.getRowObjects());
