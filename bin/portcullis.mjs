#!/usr/bin/env node
// portcullis: access configuration as code, through the automation API (so it works against a
// remote console and every change is audited under the token's owner).
//   portcullis export > access.yaml
//   portcullis apply -f access.yaml [--dry-run] [--prune]
// PORTCULLIS_URL (default http://localhost:3000) and PORTCULLIS_TOKEN (an administrator's access
// token; an auditor's is enough for export) say where and as whom.
import fs from "node:fs";

const USAGE = `usage: portcullis export [--url URL]
       portcullis apply -f FILE [--dry-run] [--prune] [--url URL]
environment: PORTCULLIS_URL (default http://localhost:3000), PORTCULLIS_TOKEN (required)`;
const DEADLINE_MS = 120_000;

function fail(message, code = 1) {
  process.stderr.write(`portcullis: ${message}\n`);
  process.exit(code);
}

function parse(argv) {
  const [command, ...rest] = argv;
  const opts = { command, dryRun: false, prune: false, file: undefined, url: process.env.PORTCULLIS_URL };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--dry-run") opts.dryRun = true;
    else if (a === "--prune") opts.prune = true;
    else if (a === "-f" || a === "--file") opts.file = rest[++i];
    else if (a === "--url") opts.url = rest[++i];
    else if (a === "-h" || a === "--help") fail(USAGE, 0);
    else fail(`unknown argument ${a}\n${USAGE}`, 2);
  }
  if (command !== "export" && command !== "apply") fail(USAGE, 2);
  if (command === "apply" && !opts.file) fail(`apply needs -f FILE (- for standard input)\n${USAGE}`, 2);
  return opts;
}

async function call(base, path, init = {}) {
  const token = process.env.PORTCULLIS_TOKEN;
  if (!token) fail("set PORTCULLIS_TOKEN to an access token (Tokens in the console)", 2);
  let res;
  try {
    res = await fetch(new URL(path, base), {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
  } catch (err) {
    fail(`cannot reach ${base}: ${err.cause?.message ?? err.message}`);
  }
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    fail(body?.error?.message ?? `${res.status} ${res.statusText}`);
  }
  return res;
}

const opts = parse(process.argv.slice(2));
const base = (opts.url ?? "http://localhost:3000").replace(/\/?$/, "/");
if (opts.command === "export") {
  process.stdout.write(await (await call(base, "api/v1/access-config")).text());
} else {
  const document = opts.file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(opts.file, "utf8");
  const res = await call(base, "api/v1/access-config/apply", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ document, dryRun: opts.dryRun, prune: opts.prune }),
  });
  const out = await res.json();
  for (const c of out.changes) process.stdout.write(`${c.summary}\n`);
  if (out.changes.length === 0) process.stdout.write("no changes: the configuration already matches\n");
  else if (out.dryRun) process.stdout.write(`${out.changes.length} changes (dry run: nothing changed)\n`);
  else process.stdout.write(`${out.changes.length} changes applied\n`);
  for (const n of out.notes) process.stdout.write(`note: ${n}\n`);
}
