import { z } from "zod";

/** One downloadable file of a public dataset. `path` is where it goes in the download folder (and the URL tail). */
export const publicDatasetFileSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .refine(
      (path) => !path.startsWith("/") && !path.split("/").includes(".."),
      "must be a relative path inside the download folder",
    ),
  url: z.url({ protocol: /^https?$/ }),
  /**
   * SHA-256 of the file (hex), or null when no checksum is known (the file is then checked by its size, if `bytes`
   * is given; say why in the manifest's `notes`).
   */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
    .nullable(),
  bytes: z.number().int().nonnegative().optional(),
});

/**
 * A public dataset the project knows how to fetch (`datasets/manifests/<name>.json`): where it comes from, its
 * license, the importer format and settings, and every file with its SHA-256 checksum where known.
 */
export const publicDatasetManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "must be lowercase letters, digits, dots, dashes"),
  description: z.string().min(1),
  /** Project page or repository the data comes from. */
  source: z.url(),
  license: z.string().min(1),
  /** Importer format (`judgelab import <format>`). */
  format: z.string().min(1),
  /** Importer settings (`--set key=value`). */
  settings: z.record(z.string(), z.string()).optional(),
  /** Upstream commit or release the files are pinned to. */
  revision: z.string().optional(),
  /**
   * True when the host only serves the files after the user accepted the dataset's terms (a gated Hugging Face
   * dataset): downloads then need a token (the CLI sends `HF_TOKEN`).
   */
  gated: z.boolean().optional(),
  files: z.array(publicDatasetFileSchema).min(1),
  notes: z.string().optional(),
});

/** A public dataset manifest. */
export type PublicDatasetManifest = z.infer<typeof publicDatasetManifestSchema>;
/** One file of a public dataset manifest. */
export type PublicDatasetFile = z.infer<typeof publicDatasetFileSchema>;
