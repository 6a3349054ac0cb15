/**
 * A person's own refused request, in plain words with the fix: token decisions (denied or partial)
 * and failed sign-ins, from what the audit log recorded. Pure. The wording speaks only of the
 * person's own rights: never of other people's grants, nor of whether a repository exists.
 */
export interface RefusalRecord {
  action: string;
  outcome: string;
  reason: string | null;
  repository: string | null;
  credential: string | null;
}

export interface Explanation {
  summary: string;
  fix: string[];
  /** What to ask for, when an access request is the fix (the console offers it prefilled). */
  request?: { repository: string; actions: string[] };
}

const ACTION_WORDS: Record<string, string> = {
  pull: "pull from",
  push: "push to",
  delete: "delete in",
  "*": "do everything in",
};

const AUTH: Record<string, Explanation> = {
  bad_password: {
    summary: "The password was wrong.",
    fix: [
      "Sign in again with the right password (docker logout, then docker login).",
      "Forgot it? An administrator can send you a set-password link.",
    ],
  },
  sso_session_ended: {
    summary:
      "Your single sign-on session ended: the identity provider no longer vouches for you, so your tokens and signed-in clients were refused.",
    fix: [
      "Sign in to the console again with single sign-on; your tokens work again from then on.",
      "If the provider refuses you, ask its administrators: you may have been removed from it.",
    ],
  },
  account_disabled: {
    summary: "Your account is disabled.",
    fix: ["Ask an administrator to enable it."],
  },
  locked_out: {
    summary: "Too many failed attempts from this address: the account was locked out for a while.",
    fix: [
      "Wait for the lockout to end, then sign in with the right credentials.",
      "Or ask an administrator to lift it (Users → lockouts).",
    ],
  },
  token_expired: {
    summary: "The access token had expired.",
    fix: ["Create a new token under Tokens and log in with it (docker login -u <you> --password-stdin)."],
  },
  token_revoked: {
    summary: "The access token was revoked (or rotated, and its old secret's grace period is over).",
    fix: ["Use the token's new secret, or create a new token under Tokens."],
  },
  malformed_token: {
    summary: "What was sent as a token is not a Portcullis token (cut short, or a different secret pasted).",
    fix: ["Copy the whole token again (it starts with pct_) and log in with it."],
  },
  unknown_token: {
    summary: "The token (or the stored login of docker) is not known: deleted, or from another installation.",
    fix: ["docker logout, then docker login again."],
  },
  token_owner_mismatch: {
    summary: "The token belongs to another account than the username given with it.",
    fix: ["Log in with the token's own username (yours), or use one of your own tokens."],
  },
  token_not_allowed: {
    summary: "An access token was used to sign in to the console; tokens are for registries and scripts.",
    fix: ["Sign in to the console with your password."],
  },
  malformed_request: {
    summary: "The client sent a request the token endpoint could not read.",
    fix: [
      "Update the client (docker, podman, skopeo); if it persists, tell an administrator which client and version.",
    ],
  },
};

/** One "repository:action=code" part of a token decision's reason. */
function scopePart(name: string, action: string, code: string): Explanation {
  const doing = ACTION_WORDS[action] ?? `use "${action}" on`;
  switch (code) {
    case "no_grant":
      return {
        summary: `You may not ${doing} ${name}: no grant of yours, of your teams or for everyone covers it.`,
        fix: [
          `Check the repository name (${name}) for typos.`,
          `Request ${action} on ${name} (or on a pattern such as ${name.split("/")[0]}/*) under My access: an administrator answers there.`,
        ],
        ...(action in ACTION_WORDS && action !== "*" ? { request: { repository: name, actions: [action] } } : {}),
      };
    case "token_scope":
      return {
        summary: `The token used may not ${doing} ${name}: its scopes are narrower than your account's rights.`,
        fix: ["Use a token whose scopes include this repository, or create one under Tokens."],
      };
    case "invalid_name":
      return {
        summary: `"${name}" is not a valid repository name.`,
        fix: ["Repository names are lowercase path components (letters, digits, . _ -) separated by /."],
      };
    default:
      return {
        summary: `The client asked for something the registry does not know (${action} on ${name}: ${code}).`,
        fix: ["Check the image name and the command; update the client if it persists."],
      };
  }
}

export function explainRefusal(r: RefusalRecord): Explanation[] {
  const reason = r.reason ?? "";
  const code = reason.split(":", 1)[0].trim();
  if (r.action === "session.sign_in" || (r.action === "token.issue" && r.outcome === "denied" && AUTH[code])) {
    return [
      AUTH[code] ?? {
        summary: `Signing in failed (${code || "no reason recorded"}).`,
        fix: ["Try again; ask an administrator if it persists."],
      },
    ];
  }
  const parts = [...reason.matchAll(/(\S+):(\w+|\*)=(\w+)/g)].map((m) => scopePart(m[1], m[2], m[3]));
  if (parts.length) return parts;
  if (r.outcome === "denied" && !r.repository) {
    return [
      {
        summary: "Nothing was granted: the request asked for no repository the account may use.",
        fix: ["Check the image name."],
      },
    ];
  }
  return [
    {
      summary: `Refused (${reason || "no reason recorded"}).`,
      fix: ["Ask an administrator, with the time it happened."],
    },
  ];
}
