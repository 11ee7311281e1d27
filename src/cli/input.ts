/** Reading what was piped or redirected in: as a stream, of any size, bytes of any kind. */

/** Bytes kept for the answer; the engine reads the first 50,000 characters of a paste. */
export const KEPT_BYTES = 1024 * 1024;

export interface ReadInput {
  text: string;
  /** Every byte that arrived, kept or not. */
  totalBytes: number;
  /** The input held bytes that are not text (NUL and other control bytes). */
  binary: boolean;
}

/**
 * Reads a stream to its end, keeping the first KEPT_BYTES and draining the rest, so that
 * a writer into the pipe never blocks or fails however much it sends. Invalid UTF-8
 * becomes U+FFFD instead of an error.
 */
export async function readInput(stream: AsyncIterable<unknown>): Promise<ReadInput> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let totalBytes = 0;
  for await (const chunk of stream) {
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk)
        : chunk instanceof Uint8Array
          ? chunk
          : Buffer.from(String(chunk));
    totalBytes += bytes.length;
    if (kept < KEPT_BYTES) {
      const part = bytes.subarray(0, KEPT_BYTES - kept);
      chunks.push(Buffer.from(part));
      kept += part.length;
    }
  }
  const buffer = Buffer.concat(chunks);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(buffer);
  return { text, totalBytes, binary: looksBinary(buffer) };
}

/**
 * Text has no NUL bytes and few control bytes other than tab, line feed and carriage
 * return; a file, image or archive has many. Judged on the first 64 kB, like `grep` does.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 27 && byte !== 12)
      control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
