// npm run check:js-budget: the JavaScript each console page makes a browser download on first
// load, as served, from the production build (.next; run `npm run build` first), against a budget.
// As served: brotli, which the build writes next to each file and server.ts sends to every browser
// that accepts it (lib/server/static-assets.ts); the gzip figure, for browsers that take only
// gzip, is printed beside it. The budget is 150 kB: the runtime alone (React, Next.js,
// Turbopack's loader) is about 114 kB brotli (131.7 kB gzip) and react-query about 11. The test
// command runs this after its build; a page past the budget fails it.
// What counts: the runtime every page loads (build-manifest rootMainFiles) and every chunk of the
// page's own entries and layouts (the client reference manifests' entryJSFiles). Legacy
// polyfills are left out: modern browsers never fetch them (nomodule). Exits 1 past the budget.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const BUDGET_KB = Number(process.env.JS_BUDGET_KB ?? 150);
const NEXT = path.resolve(process.env.NEXT_DIR ?? ".next");

const sizes = new Map<string, { br: number; gzip: number }>();
/** Bytes sent for a file: the build's .br (and .gz) copies; a build without them fails the check. */
function sizeOf(file: string): { br: number; gzip: number } {
  let n = sizes.get(file);
  if (n === undefined) {
    const p = path.join(NEXT, file);
    if (!fs.existsSync(`${p}.br`)) {
      console.error(
        `${file} has no compressed copy: build with \`npm run build\` (scripts/build.ts), not next build alone.`,
      );
      process.exit(1);
    }
    n = { br: fs.statSync(`${p}.br`).size, gzip: fs.statSync(`${p}.gz`).size };
    sizes.set(file, n);
  }
  return n;
}

function manifests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return manifests(p);
    return d.name === "page_client-reference-manifest.js" ? [p] : [];
  });
}

/** The manifest file assigns globalThis.__RSC_MANIFEST[route] = {...}: read it without running the app. */
function entries(file: string): { route: string; js: string[] }[] {
  const sandbox = { self: {} as Record<string, unknown>, globalThis: {} as Record<string, unknown> };
  sandbox.globalThis = sandbox.self;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, { timeout: 1000 });
  const m = (sandbox.self.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>;
  return Object.entries(m).map(([route, v]) => ({
    route,
    js: Object.values(v.entryJSFiles ?? {}).flat(),
  }));
}

const build = JSON.parse(fs.readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
const rows = manifests(path.join(NEXT, "server", "app"))
  .flatMap(entries)
  .filter((e) => !e.route.startsWith("/_"))
  .map((e) => {
    const files = [...new Set([...build.rootMainFiles, ...e.js])];
    const kB = (enc: "br" | "gzip") => Math.round(files.reduce((n, f) => n + sizeOf(f)[enc], 0) / 100) / 10;
    return {
      route: e.route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/",
      kB: kB("br"),
      gzipKB: kB("gzip"),
    };
  })
  .sort((a, b) => b.kB - a.kB);

const over = rows.filter((r) => r.kB > BUDGET_KB);
for (const r of rows) {
  const flag = r.kB > BUDGET_KB ? "OVER" : "ok  ";
  console.log(`${flag} ${String(r.kB).padStart(6)} kB (gzip ${String(r.gzipKB).padStart(6)} kB)  ${r.route}`);
}
console.log(`${rows.length} pages; largest ${rows[0]?.kB} kB; budget ${BUDGET_KB} kB (brotli as served, first load)`);
if (over.length) {
  console.error(`${over.length} page(s) over the budget: ${over.map((r) => r.route).join(", ")}`);
  process.exit(1);
}
