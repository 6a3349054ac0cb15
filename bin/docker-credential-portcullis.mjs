#!/usr/bin/env node
// docker-credential-portcullis from the package (`npx docker-credential-portcullis …`,
// `npm install -g`): the built single-file script when `npm run build` made it (fast: docker runs
// this for every pull and push), else the TypeScript source through tsx.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const here = import.meta.dirname;
const built = path.join(here, "..", "dist", "docker-credential-portcullis.cjs");
if (fs.existsSync(built)) {
  createRequire(import.meta.url)(built);
} else {
  await import("tsx/esm");
  await import(path.join(here, "..", "credential-helper", "cli.ts"));
}
