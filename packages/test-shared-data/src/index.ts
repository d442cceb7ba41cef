export {
  describeWithSharedData,
  hasSharedData,
  itWithSharedData,
  SHARED_DATA_SKIP_MARK,
  sharedDataPath,
  sharedDataRoot,
} from "./shared-data.js";
