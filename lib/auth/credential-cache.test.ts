import assert from "node:assert/strict";
import { test } from "node:test";
import { CredentialCache } from "./credential-cache";

test("identical credentials presented at once share one verification; others, later ones and failures do not", async () => {
  const cache = new CredentialCache("00".repeat(32));
  let runs = 0;
  const slow = <T>(v: T) =>
    new Promise<T>((r) => {
      runs++;
      setTimeout(() => r(v), 20);
    });
  const cases: [string, () => Promise<unknown[]>, number][] = [
    [
      "same name, password and address",
      () => Promise.all([1, 2, 3].map(() => cache.once("ann", "pw", "10.0.0.1", () => slow("ok")))),
      1,
    ],
    [
      "another address",
      () => Promise.all(["10.0.0.1", "10.0.0.2"].map((ip) => cache.once("ann", "pw", ip, () => slow(ip)))),
      2,
    ],
    [
      "another password",
      () => Promise.all(["pw", "pw2"].map((p) => cache.once("ann", p, "10.0.0.1", () => slow(p)))),
      2,
    ],
    [
      "one after the other",
      async () => [
        await cache.once("ann", "pw", "x", () => slow(1)),
        await cache.once("ann", "pw", "x", () => slow(2)),
      ],
      2,
    ],
  ];
  for (const [name, run, expected] of cases) {
    runs = 0;
    await run();
    assert.equal(runs, expected, name);
  }
  // A failure reaches every sharer, and the next attempt runs afresh.
  const boom = () => Promise.reject(new Error("directory down"));
  const shared = await Promise.allSettled([cache.once("bob", "pw", "x", boom), cache.once("bob", "pw", "x", boom)]);
  assert.deepEqual(
    shared.map((r) => r.status),
    ["rejected", "rejected"],
  );
  assert.equal(await cache.once("bob", "pw", "x", () => Promise.resolve("again")), "again");
});
