import assert from "node:assert/strict";
import { test } from "node:test";
import { isUnavailable, isUniqueViolation } from "./errors";

test("errors that mean 'the database cannot serve now' are told apart from bugs", () => {
  const unavailable = [
    { code: "ECONNREFUSED" },
    { code: "57P01" },
    { code: "57014" },
    { code: "53300" },
    { code: "P2037" },
    { message: "Query read timeout" },
    {
      message:
        "Invalid `db().user.findUnique()` invocation: Too many database connections opened: sorry, too many clients already",
    },
    { message: "canceling statement due to statement timeout" },
  ];
  for (const e of unavailable) assert.equal(isUnavailable(e), true, JSON.stringify(e));
  for (const e of [
    { code: "P2002" },
    { message: "syntax error at or near" },
    new TypeError("x is undefined"),
    undefined,
  ])
    assert.equal(isUnavailable(e), false, JSON.stringify(e));
  assert.equal(isUniqueViolation({ code: "P2002" }), true);
  assert.equal(isUniqueViolation({ message: "duplicate key value violates unique constraint" }), true);
});
