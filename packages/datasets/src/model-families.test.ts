import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_FAMILIES, modelFamily, parseModelFamilies } from "./model-families.js";

describe("model families by exact prefix", () => {
  it("recognises model names of the real datasets by their prefix only", () => {
    expect(modelFamily("gpt-4-0613")).toBe("gpt");
    expect(modelFamily("gpt4_1106_preview")).toBe("gpt");
    expect(modelFamily("text_davinci_003")).toBe("gpt");
    expect(modelFamily("ChatGPT-0301")).toBe("gpt");
    expect(modelFamily("claude-3-opus-20240229")).toBe("claude");
    expect(modelFamily("WeOpenML/PandaLM-7B-v1")).toBe("pandalm");
    expect(modelFamily("llama-2-70b-chat-hf")).toBe("llama");
    expect(modelFamily("alpaca_eval_cot_gpt4_turbo_fn")).toBe("gpt");
    expect(modelFamily("weighted_alpaca_eval_gpt4_turbo")).toBe("gpt");
  });

  it("does not tag a name that merely contains a family's word (the old substring guess did)", () => {
    expect(modelFamily("cerebras-gpt-6.7B")).toBeUndefined();
    expect(modelFamily("alpaca-farm-ppo-sim-gpt4-20k")).toBe("alpaca");
    expect(modelFamily("openbuddy-llama2-13b-v11.1")).toBeUndefined();
    // a longer prefix mapped to null wins over a shorter one
    expect(modelFamily("claude2-alpaca-13b")).toBeUndefined();
  });

  it("takes overrides from a file's object, longest prefix first, and names bad entries", () => {
    const table = parseModelFamilies(
      { "cerebras-gpt": "cerebras", "openbuddy-llama": "llama", claude: null },
      "f.json",
    );
    expect(modelFamily("cerebras-gpt-6.7B", table)).toBe("cerebras");
    expect(modelFamily("openbuddy-llama2-13b-v11.1", table)).toBe("llama");
    expect(modelFamily("claude-2", table)).toBeUndefined();
    expect(modelFamily("gpt-4", table)).toBe(DEFAULT_MODEL_FAMILIES["gpt-4"]);
    expect(() => parseModelFamilies(["gpt"], "f.json")).toThrow(/f\.json: expected a JSON object/);
    expect(() => parseModelFamilies({ gpt: 3 }, "f.json")).toThrow(/"gpt": the family must be/);
  });
});
