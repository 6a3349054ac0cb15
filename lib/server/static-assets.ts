import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import Negotiator from "negotiator";

/**
 * The console's build output under /_next/static (scripts, styles, fonts), served by server.ts
 * from disk, compressed ahead of time: the build writes name.br (brotli, quality 11) and
 * name.gz (gzip, level 9) next to each text file, and a browser gets the smallest its
 * Accept-Encoding allows. Next.js compresses these on every request with gzip only; brotli
 * makes the first-load JavaScript about 14 % smaller (scripts/js-budget.ts), and nothing is
 * compressed while serving.
 * Only files present at start are served, looked up by exact path (no path is ever joined from
 * the request, so `..` or encodings of it cannot reach another file); anything else goes to
 * Next.js as before.
 */
export const STATIC_PREFIX = "/_next/static/";

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".ico": "image/x-icon",
};
/** Worth compressing; fonts and images are compressed already. */
const TEXT = new Set([".js", ".css", ".json", ".map", ".svg", ".txt"]);
const ENCODINGS = [
  { name: "br", ext: ".br" },
  { name: "gzip", ext: ".gz" },
] as const;
type Encoding = (typeof ENCODINGS)[number]["name"] | "identity";

interface Variant {
  file: string;
  size: number;
}
export interface StaticAsset {
  type: string;
  variants: Partial<Record<Encoding, Variant>>;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Writes name.br and name.gz next to every text file under dir (the build's last step). Returns how many files. */
export async function precompress(dir: string): Promise<number> {
  const files = walk(dir).filter((f) => TEXT.has(path.extname(f)));
  await Promise.all(
    files.map(async (f) => {
      const data = await fs.promises.readFile(f);
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzip(data, { level: 9 }),
      ]);
      await fs.promises.writeFile(`${f}.br`, br);
      await fs.promises.writeFile(`${f}.gz`, gz);
    }),
  );
  return files.length;
}

/** Every servable file under dir by its URL path, with the encoded copies the build made. */
export function indexStaticAssets(dir: string): Map<string, StaticAsset> {
  const index = new Map<string, StaticAsset>();
  for (const file of walk(dir)) {
    const type = TYPES[path.extname(file)];
    if (!type) continue; // .br/.gz themselves and anything unknown
    const variants: StaticAsset["variants"] = { identity: { file, size: fs.statSync(file).size } };
    for (const e of ENCODINGS) {
      const encoded = file + e.ext;
      if (fs.existsSync(encoded)) variants[e.name] = { file: encoded, size: fs.statSync(encoded).size };
    }
    index.set(STATIC_PREFIX + path.relative(dir, file).split(path.sep).join("/"), { type, variants });
  }
  return index;
}

/** The encoding to send: the client's best by its q-values, brotli before gzip when it rates them alike. */
export function chooseEncoding(acceptEncoding: string | undefined, available: Encoding[]): Encoding | undefined {
  const preferred = ENCODINGS.map((e) => e.name as Encoding)
    .filter((e) => available.includes(e))
    .concat("identity");
  const negotiator = new Negotiator({ headers: { "accept-encoding": acceptEncoding } });
  // negotiator 1.x takes the order to break ties in; @types/negotiator (0.6) does not declare it.
  const encodings = negotiator.encodings.bind(negotiator) as (
    available: string[],
    options: { preferred: string[] },
  ) => string[];
  return encodings(preferred, { preferred })[0] as Encoding | undefined;
}

/**
 * Answers GET and HEAD for a file of the index; false (nothing sent) for any other request, which
 * Next.js then answers. 406 when the client refuses every encoding we have (`identity;q=0`).
 */
export function serveStaticAsset(
  req: IncomingMessage,
  res: ServerResponse,
  index: Map<string, StaticAsset>,
  urlPath: string,
): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const asset = index.get(urlPath);
  if (!asset) return false;
  const encoding = chooseEncoding(req.headers["accept-encoding"], Object.keys(asset.variants) as Encoding[]);
  const headers: Record<string, string | number> = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
  };
  if (!encoding) {
    res.writeHead(406, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
    res.end("None of the encodings this file is available in (br, gzip, identity) is acceptable.\n");
    return true;
  }
  const v = asset.variants[encoding]!;
  res.writeHead(200, {
    ...headers,
    "Content-Type": asset.type,
    "Content-Length": v.size,
    ...(encoding === "identity" ? {} : { "Content-Encoding": encoding }),
  });
  if (req.method === "HEAD") {
    res.end();
    return true;
  }
  const stream = fs.createReadStream(v.file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
  return true;
}
