import assert from "node:assert/strict";
import { test } from "node:test";
import { explainRefusal } from "./explain-denial";

const rec = (action: string, outcome: string, reason: string | null, repository: string | null = null) => ({
  action,
  outcome,
  reason,
  repository,
  credential: "password",
});

test("each recorded refusal reads as plain words with a fix", () => {
  const cases: [ReturnType<typeof rec>, RegExp[]][] = [
    [
      rec("token.issue", "partial", "team/app:push=no_grant", "team/app"),
      [/may not push to team\/app: no grant of yours/],
    ],
    [
      rec("token.issue", "denied", "team/app:push=token_scope team/app:delete=no_grant", "team/app"),
      [/token used may not push to team\/app/, /may not delete in team\/app/],
    ],
    [
      rec("token.issue", "denied", "Team/App:pull=invalid_name", "Team/App"),
      [/"Team\/App" is not a valid repository name/],
    ],
    [rec("token.issue", "denied", "bad_password"), [/password was wrong/]],
    [rec("token.issue", "denied", "locked_out"), [/locked out/]],
    [rec("token.issue", "denied", "token_expired"), [/token had expired/]],
    [rec("token.issue", "denied", "token_revoked"), [/revoked/]],
    [rec("token.issue", "denied", "account_disabled"), [/disabled/]],
    [rec("token.issue", "denied", "sso_session_ended"), [/single sign-on session ended/]],
    [rec("token.issue", "denied", "malformed_request: the username holds a control character"), [/could not read/]],
    [rec("session.sign_in", "failure", "token_not_allowed"), [/tokens are for registries/]],
    [rec("session.sign_in", "failure", "bad_password"), [/password was wrong/]],
    [rec("token.issue", "denied", null), [/asked for no repository/]],
  ];
  for (const [r, expected] of cases) {
    const got = explainRefusal(r);
    assert.equal(got.length, expected.length, JSON.stringify(r));
    expected.forEach((re, i) => {
      assert.match(got[i].summary, re, JSON.stringify(r));
      assert.ok(got[i].fix.length > 0);
    });
  }
});

test("a missing grant offers the access request that would fix it; other causes do not", () => {
  const [push] = explainRefusal(rec("token.issue", "partial", "team/app:push=no_grant", "team/app"));
  assert.deepEqual(push.request, { repository: "team/app", actions: ["push"] });
  assert.match(push.fix.join(" "), /Request push on team\/app/);
  const [scope] = explainRefusal(rec("token.issue", "denied", "team/app:push=token_scope", "team/app"));
  assert.equal(scope.request, undefined);
  const [bad] = explainRefusal(rec("token.issue", "denied", "Team/App:pull=invalid_name", "Team/App"));
  assert.equal(bad.request, undefined);
});

test("the wording never names anyone else's grants", () => {
  const [e] = explainRefusal(rec("token.issue", "denied", "secret/app:pull=no_grant", "secret/app"));
  assert.doesNotMatch(`${e.summary} ${e.fix.join(" ")}`, /granted to|belongs to|exists/i);
});
