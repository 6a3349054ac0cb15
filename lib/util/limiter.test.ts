import assert from "node:assert/strict";
import { test } from "node:test";
import { Limiter } from "./limiter";

test("the limiter never runs more than max tasks at once, in arrival order, and survives failures", async () => {
  const limiter = new Limiter(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const task = (i: number) => async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 3));
    running--;
    order.push(i);
    if (i === 1) throw new Error("boom");
    return i;
  };
  const results = await Promise.allSettled(Array.from({ length: 7 }, (_, i) => limiter.run(task(i))));
  assert.equal(peak, 2);
  assert.equal(results.filter((r) => r.status === "rejected").length, 1);
  assert.deepEqual(order.slice().sort(), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(limiter.queued, 0);
  assert.equal(await limiter.run(async () => "after"), "after");
});
