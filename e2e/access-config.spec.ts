import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADMIN_PASSWORD, basic, expect, test, unique } from "./fixtures";

/** The `portcullis` command as a person runs it: against the console's URL with an access token. */
function portcullis(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["bin/portcullis.mjs", ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

test("portcullis export / apply: the whole access configuration round-trips through a file", async ({
  request,
  baseURL,
}) => {
  const minted = await request.post("/api/v1/tokens", {
    data: { name: unique("config-as-code"), expiresInDays: 1 },
    headers: { Authorization: basic("admin", ADMIN_PASSWORD) },
  });
  expect(minted.status()).toBe(201);
  const env = { PORTCULLIS_URL: baseURL!, PORTCULLIS_TOKEN: (await minted.json()).token as string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-cli-"));
  const file = path.join(dir, "access.yaml");

  const exported = await portcullis(["export"], env);
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stdout).toMatch(/^# Portcullis access configuration/);
  expect(exported.stdout).toContain("  - username: admin\n");
  fs.writeFileSync(file, exported.stdout);
  const same = await portcullis(["apply", "-f", file, "--dry-run"], env);
  expect(same.stdout).toContain("no changes: the configuration already matches");

  const team = unique("cli-team");
  const entry = `teams:\n  - name: ${team}\n    members: [admin]\n`;
  fs.writeFileSync(
    file,
    exported.stdout.includes("teams: []\n")
      ? exported.stdout.replace("teams: []\n", entry)
      : exported.stdout.replace("teams:\n", entry),
  );
  const dry = await portcullis(["apply", "-f", file, "--dry-run"], env);
  expect(dry.code, dry.stderr).toBe(0);
  expect(dry.stdout).toContain(`+ team ${team}\n1 changes (dry run: nothing changed)`);
  const applied = await portcullis(["apply", "-f", file], env);
  expect(applied.stdout).toContain("1 changes applied");
  expect((await portcullis(["export"], env)).stdout).toContain(`  - name: ${team}\n    members:\n      - admin\n`);

  fs.writeFileSync(file, "version: 1\nusers:\n  - username: admin\n    colour: red\n");
  const refused = await portcullis(["apply", "-f", file], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("line 4 (users[0].colour): unknown key colour");
  const anonymous = await portcullis(["export"], { PORTCULLIS_URL: baseURL!, PORTCULLIS_TOKEN: "pct_not-a-token" });
  expect(anonymous.code).toBe(1);
  expect((await portcullis(["frobnicate"], env)).code).toBe(2);
  fs.rmSync(dir, { recursive: true, force: true });
});
