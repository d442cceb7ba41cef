import { describe, expect, it } from "vitest";
import { UsageError } from "./cli-io.js";
import { closestOption } from "./parse-options.js";
import { plural } from "./plural.js";
import { runCli } from "./run-cli.js";
import { runCliForTest } from "./test-support.js";

describe("one CLI convention for options", () => {
  it("names an unknown option in clean words with the closest known one", async () => {
    const run = await runCliForTest(["rate", "x", "--methd", "bt"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "judgelab rate: unknown option --methd (did you mean --method?); run `judgelab rate --help` for the options\n",
    );
    const far = await runCliForTest(["analyze", "x", "--zzzzzz"]);
    expect(far.stderr).toContain("unknown option --zzzzzz; run `judgelab analyze --help`");
  });

  it("says which option needs a value and which takes none", async () => {
    expect((await runCliForTest(["report", "x", "--out"])).stderr).toContain("--out needs a value, e.g. --out VALUE");
    expect((await runCliForTest(["rate", "x", "--json=1"])).stderr).toContain("--json takes no value");
  });

  it("prints help for --help anywhere, even beside a mistake, with exit 0", async () => {
    for (const command of ["validate", "import", "datasets", "rate", "analyze", "run", "simulate", "report", "demo"]) {
      const run = await runCliForTest([command, "--no-such-option", "--help"]);
      expect({ command, code: run.code, stderr: run.stderr }).toEqual({ command, code: 0, stderr: "" });
      expect(run.stdout).toMatch(new RegExp(`^Usage: judgelab ${command}`));
    }
    expect((await runCliForTest(["import", "llmbar", "-h"])).stdout).toMatch(/^Usage: judgelab import llmbar/);
  });

  it("suggests the closest command", async () => {
    const run = await runCliForTest(["anlyze"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "anlyze" (did you mean `judgelab analyze`?)');
  });

  it("matches by edit distance or prefix, and not too far", () => {
    expect(closestOption("bootstap", ["bootstrap", "seed"])).toBe("bootstrap");
    expect(closestOption("boot", ["bootstrap", "seed"])).toBe("bootstrap");
    expect(closestOption("xyz", ["bootstrap", "seed"])).toBeUndefined();
  });

  it("puts nouns in the right number", () => {
    expect(plural(1, "category")).toBe("1 category");
    expect(plural(3, "category")).toBe("3 categories");
    expect(plural(0, "match")).toBe("0 matches");
    expect(plural(2, "comparison")).toBe("2 comparisons");
    expect(plural(2, "day")).toBe("2 days");
  });
});

describe("exit codes", () => {
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return {
      out,
      io: {
        stdout: (text: string) => {
          out.stdout += text;
        },
        stderr: (text: string) => {
          out.stderr += text;
        },
        cwd: process.cwd(),
        env: {},
        isTty: false,
        signal: new AbortController().signal,
        abandonSignal: new AbortController().signal,
      },
    };
  };

  it("exits 1 for an internal failure, even a RangeError, and 2 only for usage errors", async () => {
    const table = {
      broken: { summary: "", load: async () => async () => Promise.reject(new RangeError("index out of range")) },
      misused: { summary: "", load: async () => async () => Promise.reject(new UsageError("give a dataset")) },
    };
    const broken = io();
    expect(await runCli(["broken"], broken.io, table)).toBe(1);
    expect(broken.out.stderr).toContain("judgelab broken: internal error (not a problem with your input");
    expect(broken.out.stderr).toContain("RangeError: index out of range");
    const misused = io();
    expect(await runCli(["misused"], misused.io, table)).toBe(2);
    expect(misused.out.stderr).toBe("judgelab misused: give a dataset\n");
  });
});
