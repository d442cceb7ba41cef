export {
  describeWithSharedData,
  hasSharedData,
  itWithSharedData,
  planSharedDataTest,
  SHARED_DATA_SKIP_MARK,
  type SharedDataEnv,
  type SharedDataPlan,
  sharedDataPath,
  sharedDataRoot,
} from "./shared-data.js";
