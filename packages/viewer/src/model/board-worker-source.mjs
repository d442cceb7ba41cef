// Entry of the leaderboard worker when the package runs from its TypeScript sources (tests, tsx): loader hooks do
// not carry over into worker threads, so register tsx here, then load the TypeScript entry.
const { register } = await import("tsx/esm/api");
register();
await import("./board-worker.ts");
