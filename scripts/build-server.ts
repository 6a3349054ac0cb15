// The process entry (server.ts and the lib/ modules it reaches) compiled to one JavaScript file,
// dist/server.mjs, which production runs with plain `node`: no TypeScript loader in the process
// (measured: the loader and the source maps it turns on held about 120 MB of an idle server's
// memory, among them every Next.js server chunk's source map). Packages stay in node_modules.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
export const SERVER_BUNDLE = path.join(root, "dist", "server.mjs");

/**
 * Node's ESM resolver takes a package's subpath literally when the package declares no
 * "exports" (next/navigation, next-auth/jwt): the file's extension must be written out, as
 * TypeScript's bundler resolution lets sources leave it off.
 */
const subpathsWithExtension: Plugin = {
  name: "subpaths-with-extension",
  setup(b) {
    const require = createRequire(path.join(root, "package.json"));
    b.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*\/.+/ }, (args) => {
      if (path.extname(args.path)) return { path: args.path, external: true };
      const parts = args.path.split("/");
      const name = parts.slice(0, args.path.startsWith("@") ? 2 : 1).join("/");
      const manifest = path.join(root, "node_modules", name, "package.json");
      const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { exports?: unknown };
      if (pkg.exports !== undefined) return { path: args.path, external: true };
      const file = require.resolve(args.path);
      return { path: args.path + path.extname(file), external: true };
    });
  },
};

export async function buildServer(outFile = SERVER_BUNDLE): Promise<string> {
  await build({
    entryPoints: [path.join(root, "server.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    plugins: [subpathsWithExtension],
    outfile: outFile,
    // A bundle puts a module's imports where the module lands, so next/headers (reached through
    // lib/auth) would be evaluated before "next" has set up its server environment, which
    // server.ts imports first; evaluate "next" first, as the sources do.
    banner: { js: 'import "next";' },
    logLevel: "warning",
  });
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(`built ${path.relative(root, await buildServer(process.argv[2]))}`);
}
