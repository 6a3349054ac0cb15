// npm run audit:verify -- --checkpoint <file> --certs <certs.pem> --events <export.jsonl>
// Off-line verification for auditors, with no access to Portcullis or its database: the
// checkpoint's signature against the certificates they kept (GET /api/registry/certs.pem), every
// link of the exported chain (Audit log -> Export JSON lines, no filter), and that the export
// still holds the signed head with the signed hash. Exit 0 when all holds, 1 otherwise.
import fs from "node:fs";
import { verifyExport } from "../lib/audit/checkpoint-offline";
import type { ChainedRow } from "../lib/audit/chain";

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? process.argv[i + 1] : undefined;
  if (!v) {
    console.error(
      "usage: npm run audit:verify -- --checkpoint <checkpoint.json or .jws> --certs <certs.pem> --events <export.jsonl>",
    );
    process.exit(2);
  }
  return v;
}

const raw = fs.readFileSync(arg("checkpoint"), "utf8").trim();
// The file as downloaded ({"checkpoint": …, "jws": "…"}) or the bare JWS.
const jws = raw.startsWith("{") ? (JSON.parse(raw) as { jws: string }).jws : raw;
const rows = fs
  .readFileSync(arg("events"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ChainedRow);
const report = verifyExport(jws, fs.readFileSync(arg("certs"), "utf8"), rows);
if (report.ok) {
  console.log(
    `ok: ${report.checked} events chain correctly; event ${report.checkpoint!.lastId} carries the hash signed at ${new Date(report.checkpoint!.iat * 1000).toISOString()}`,
  );
} else {
  console.error(`NOT OK: ${report.problem}`);
}
process.exitCode = report.ok ? 0 : 1;
