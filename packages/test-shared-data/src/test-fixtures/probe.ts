// Run by shared-data.test.ts in a vitest subprocess with JUDGELAB_SHARED_DIR pointing at a scratch folder that
// holds `datasets/present` only.
import { expect, it } from "vitest";
import { describeWithSharedData, itWithSharedData } from "../shared-data.js";

describeWithSharedData("datasets/present", "present group", () => {
  it("reads it", () => expect(1).toBe(1));
});
describeWithSharedData(["datasets/present", "datasets/absent"], "absent group", () => {
  it("reads it", () => expect(1).toBe(1));
});
itWithSharedData("datasets/absent", "absent single", () => expect(1).toBe(1));
