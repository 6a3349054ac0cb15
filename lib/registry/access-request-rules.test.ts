import assert from "node:assert/strict";
import { test } from "node:test";
import { approvalOverreach, duplicateOf, satisfiedMessage } from "./access-request-rules";
import type { GrantRule } from "./authorize";

const rule = (repository: string, actions: string[], type: GrantRule["via"]["type"] = "user"): GrantRule => ({
  id: `${repository}:${actions}`,
  repository,
  actions,
  via: { type, name: type === "public" ? "everyone" : "x" },
});

test("table: a request for what one already has is refused, naming where it comes from", () => {
  const rules = [rule("team/*", ["pull"], "team"), rule("team/app", ["push"]), rule("pub/*", ["pull"], "public")];
  const cases: [string, string[], boolean, RegExp | null][] = [
    ["team/app", ["pull"], false, /already have pull \(through the team grant on team\/\*\) on team\/app: nothing/],
    ["team/app", ["pull", "push"], false, /nothing to request/],
    ["team/app", ["pull", "delete"], false, /request only delete/],
    ["team/other", ["push"], false, null],
    ["team/*", ["pull"], false, /nothing to request/],
    // A wider pattern than any grant is not satisfied by a narrower one.
    ["*", ["pull"], false, null],
    ["teamx/app", ["pull"], false, null],
    ["pub/lib", ["pull"], false, /through public access on pub\/\*/],
    ["pub/lib", ["push"], false, null],
    ["any/thing", ["delete"], true, /delete \(you are an administrator\)/],
  ];
  for (const [repository, actions, admin, want] of cases) {
    const got = satisfiedMessage(rules, admin, { repository, actions });
    if (want === null) assert.equal(got, null, `${repository} ${actions}`);
    else assert.match(got ?? "", want, `${repository} ${actions}`);
  }
  assert.match(satisfiedMessage([rule("a/*", ["*"])], false, { repository: "a/b", actions: ["delete"] })!, /nothing/);
});

test("table: a pending request that already asks for the same or more is a duplicate", () => {
  const pending = [
    { id: 1, repository: "team/*", actions: ["pull", "push"] },
    { id: 2, repository: "other/app", actions: ["pull"] },
  ];
  const cases: [string, string[], number | undefined][] = [
    ["team/app", ["push"], 1],
    ["team/*", ["pull", "push"], 1],
    ["team/app", ["delete"], undefined],
    ["other/app", ["pull"], 2],
    ["other/app", ["pull", "push"], undefined],
    ["other/*", ["pull"], undefined],
    ["*", ["pull"], undefined],
  ];
  for (const [repository, actions, id] of cases)
    assert.equal(duplicateOf(pending, { repository, actions })?.id, id, `${repository} ${actions}`);
});

test("table: an approval may narrow the pattern and the actions, never widen them", () => {
  const asked = { repository: "payments/*", actions: ["pull", "push"] };
  const cases: [string, string[], RegExp | null][] = [
    ["payments/*", ["pull", "push"], null],
    ["payments/api", ["pull"], null],
    ["payments/api-*", ["push"], null],
    ["payments*", ["pull"], /reaches beyond payments\/\*/],
    ["*", ["pull"], /reaches beyond/],
    ["paymentsx/api", ["pull"], /reaches beyond/],
    ["payments/api", ["pull", "delete"], /delete was not asked for/],
  ];
  for (const [repository, actions, want] of cases) {
    const got = approvalOverreach(asked, { repository, actions });
    if (want === null) assert.equal(got, null, `${repository} ${actions}`);
    else assert.match(got ?? "", want, `${repository} ${actions}`);
  }
});
