import Credentials from "next-auth/providers/credentials";
import { recordAudit } from "../../audit/write";
import { recordLogin } from "../../db/users";
import { clientIp } from "../../http/client-info";
import { looksLikeToken } from "../../registry/pat";
import { signInInput } from "../../validation/user";
import { authenticate } from "../credentials";
import type { SignInProvider } from "./types";

// next-auth ships CommonJS: bundled by Next the default import is the function; loaded by Node
// directly (tests, scripts) it is the module, with the function as `default`.
const CredentialsProvider = (Credentials as unknown as { default?: typeof Credentials }).default ?? Credentials;

export const DIRECTORY_DOWN = "directory_unavailable";

/** Username and password, checked against Portcullis's own accounts (argon2id, lockout, audit). */
export const passwordSignIn: SignInProvider = {
  id: "credentials",
  label: "Portcullis",
  style: "form",
  enabled: () => true,
  provider: () =>
    CredentialsProvider({
      name: "Portcullis",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, req) {
        const parsed = signInInput.safeParse(raw ?? {});
        if (!parsed.success) return null;
        const { username, password } = parsed.data;
        const headers = new Headers(
          Object.entries(req?.headers ?? {}).map(([k, v]) => [k, String(v)]) as [string, string][],
        );
        const ip = clientIp(headers.get("x-forwarded-for"), headers.get("x-portcullis-socket-ip") ?? undefined);
        // Access tokens are for registries and automation, not for the console.
        const result = looksLikeToken(password) ? null : await authenticate(username, password, ip);
        const ok = result?.ok && result.subject.kind === "user";
        await recordAudit([
          {
            actorKind: ok ? "user" : "anonymous",
            actorId: ok ? result.subject.id : null,
            actorName: username.slice(0, 64),
            credential: "password",
            action: "session.sign_in",
            outcome: ok ? "success" : "failure",
            reason: ok ? null : result && !result.ok ? result.reason : "token_not_allowed",
            clientIp: ip,
            userAgent: headers.get("user-agent")?.slice(0, 300),
          },
        ]);
        // next-auth hands a thrown message to the sign-in form: the one failure that is not the person's.
        if (result && !result.ok && result.reason === "directory_unavailable") throw new Error(DIRECTORY_DOWN);
        if (!ok) return null;
        await recordLogin(result.subject.id);
        return { id: result.subject.id, name: result.subject.name };
      },
    }),
};
