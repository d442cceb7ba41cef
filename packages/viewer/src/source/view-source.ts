import type { LogNotice } from "../live/run-log-reader.js";
import type { RunProgress } from "../live/run-progress.js";
import type { ViewData } from "../model/view-data.js";

/** The folder being viewed: a dataset (loaded once) or a run folder (re-read as its log grows). */
export interface ViewSource {
  readonly kind: "dataset" | "run";
  readonly path: string;
  /** The data as of the last refresh. */
  current(): ViewData;
  /** Increases whenever {@link current} changes. */
  readonly version: number;
  /** Run folders: progress from the log. */
  progress(): RunProgress | undefined;
  /** Lines of the log that were skipped or are incomplete. */
  notices(): readonly LogNotice[];
  /** Reads what changed on disk (runs); returns true when the data changed. */
  refresh(): Promise<boolean>;
  close(): void;
}
