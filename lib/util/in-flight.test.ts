import assert from "node:assert/strict";
import { test } from "node:test";
import { InFlight } from "./in-flight";

test("settled resolves at once when idle, when the last work ends (even a failed one), or at its deadline", async () => {
  const f = new InFlight();
  assert.equal(await f.settled(), undefined);
  let release!: () => void;
  const slow = f.run(() => new Promise<void>((r) => (release = r)));
  const failing = f.run(() => Promise.reject(new Error("boom")));
  await assert.rejects(failing, /boom/);
  assert.equal(f.count, 1);
  let done = false;
  const waiting = f.settled().then(() => (done = true));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(done, false, "still one in flight");
  const started = Date.now();
  await f.settled(20); // gives up waiting after its deadline
  assert.ok(Date.now() - started >= 15);
  release();
  await slow;
  await waiting;
  assert.equal(done, true);
  assert.equal(f.count, 0);
});
