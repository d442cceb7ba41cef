import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";

/** Default read size: large enough to amortise per-chunk costs, small enough to keep memory flat. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/** True when the first two bytes are the gzip magic number (1f 8b). */
async function hasGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const header = Buffer.alloc(2);
    const { bytesRead } = await handle.read(header, 0, 2, 0);
    return bytesRead === 2 && header[0] === 0x1f && header[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a file as a stream of byte chunks, decompressing gzip transparently (detected by the `.gz`
 * extension or the gzip magic bytes). Memory stays at about one chunk whatever the file size.
 */
export async function openByteStream(
  path: string,
  options: { chunkSize?: number } = {},
): Promise<AsyncIterable<Uint8Array>> {
  const highWaterMark = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const gzip = path.endsWith(".gz") || (await hasGzipMagic(path));
  const file = createReadStream(path, { highWaterMark });
  if (!gzip) return file;
  const gunzip = createGunzip({ chunkSize: Math.min(highWaterMark, 1 << 20) });
  file.on("error", (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}
