import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import { HELPER_EXECUTABLE, HELPER_SCRIPT } from "../registry/machine-setup";

/**
 * docker-credential-portcullis as `npm run build` leaves it in dist/: the single executable (built
 * from the server's own Node.js: offered when the server runs on Linux x86-64, as the image does)
 * and a single-file Node script for every other system.
 */
export const HELPER_DOWNLOADS = [
  { file: HELPER_EXECUTABLE, label: "Linux x86-64, single executable" },
  { file: HELPER_SCRIPT, label: "Any system with Node.js 20 or later, one script" },
] as const;

const distDir = () => path.join(process.cwd(), "dist");

/** The downloads that exist on this installation, with their sizes. */
export function helperDownloads() {
  return HELPER_DOWNLOADS.flatMap((d) => {
    try {
      return [{ ...d, size: fs.statSync(path.join(distDir(), d.file)).size }];
    } catch {
      return [];
    }
  });
}

export function openHelperDownload(file: string): { stream: ReadableStream<Uint8Array>; size: number } {
  if (!HELPER_DOWNLOADS.some((d) => d.file === file))
    throw new AppError("not_found", `no download named ${file.slice(0, 100)}`);
  const p = path.join(distDir(), file);
  let size: number;
  try {
    size = fs.statSync(p).size;
  } catch {
    throw new AppError("not_found", `${file} is not built on this installation (npm run build makes it)`);
  }
  const stream = fs.createReadStream(p);
  return {
    size,
    stream: new ReadableStream({
      start(c) {
        stream.on("data", (chunk) => c.enqueue(new Uint8Array(chunk as Buffer)));
        stream.on("end", () => c.close());
        stream.on("error", (e) => c.error(e));
      },
      cancel() {
        stream.destroy();
      },
    }),
  };
}
