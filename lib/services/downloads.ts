import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";

/**
 * docker-credential-portcullis as `npm run build` leaves it in dist/: a single executable for the
 * server's own platform and a single-file Node script for every other one.
 */
export const HELPER_DOWNLOADS = [
  {
    file: `docker-credential-portcullis-${process.platform}-${process.arch}`,
    label: `${process.platform === "linux" ? "Linux" : process.platform} ${process.arch === "x64" ? "x86-64" : process.arch}, single executable`,
  },
  { file: "docker-credential-portcullis.cjs", label: "Any system with Node.js 20 or later, one script" },
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
