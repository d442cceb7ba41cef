import { expect } from "vitest";
import { startFakeGeminiServer } from "../test-support/index.js";
import { describeAdapterConformance } from "./adapter-conformance.test-helper.js";
import { createGeminiJudge } from "./gemini-judge.js";

describeAdapterConformance({
  name: "Gemini generateContent",
  start: (apiKey) => startFakeGeminiServer({ apiKey }),
  createJudge: (server, apiKey) =>
    createGeminiJudge({
      model: "gemini-test",
      apiKey,
      baseURL: server.origin,
      temperature: 0.2,
      maxOutputTokens: 700,
      family: "gemini",
    }),
  checkRequestBody: (body) => {
    expect(body).toMatchObject({
      contents: [{ role: "user", parts: [{ text: expect.stringContaining("## Paper 1: First title") }] }],
      systemInstruction: { parts: [{ text: expect.stringContaining("scientific impact") }] },
      generationConfig: {
        temperature: 0.2,
        maxOutputTokens: 700,
        responseMimeType: "application/json",
        responseSchema: {
          type: "OBJECT",
          required: ["winner", "reasoning"],
          properties: { winner: { enum: ["paper1", "paper2"] } },
        },
      },
    });
  },
});
