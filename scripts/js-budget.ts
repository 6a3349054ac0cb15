// npm run check:js-budget: the JavaScript each console page makes a browser download on first
// load, gzipped, from the production build (.next; run `npm run build` first), against a budget.
// The budget is 170 kB: the runtime alone (React, Next.js, Turbopack's loader) is 131.7 kB and
// react-query 15 kB, so 150 kB would leave 3 kB for a page. The test command runs this after its
// build; a page past the budget fails it.
// What counts: the runtime every page loads (build-manifest rootMainFiles) and every chunk of the
// page's own entries and layouts (the client reference manifests' entryJSFiles). Legacy
// polyfills are left out: modern browsers never fetch them (nomodule). Exits 1 past the budget.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

const BUDGET_KB = Number(process.env.JS_BUDGET_KB ?? 170);
const NEXT = path.resolve(process.env.NEXT_DIR ?? ".next");

const gzipped = new Map<string, number>();
function sizeOf(file: string): number {
  let n = gzipped.get(file);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(path.join(NEXT, file)), { level: 9 }).length;
    gzipped.set(file, n);
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
    const bytes = files.reduce((n, f) => n + sizeOf(f), 0);
    return {
      route: e.route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/",
      kB: Math.round(bytes / 100) / 10,
    };
  })
  .sort((a, b) => b.kB - a.kB);

const over = rows.filter((r) => r.kB > BUDGET_KB);
for (const r of rows) console.log(`${r.kB > BUDGET_KB ? "OVER" : "ok  "} ${String(r.kB).padStart(6)} kB  ${r.route}`);
console.log(`${rows.length} pages; largest ${rows[0]?.kB} kB; budget ${BUDGET_KB} kB (gzipped, first load)`);
if (over.length) {
  console.error(`${over.length} page(s) over the budget: ${over.map((r) => r.route).join(", ")}`);
  process.exit(1);
}
