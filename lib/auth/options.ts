import { live } from "../config/env";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "../audit/write";
import { recordLogin } from "../db/users";
import { clientIp } from "../http/client-info";
import { looksLikeToken } from "../registry/pat";
import { signInInput } from "../validation/user";
import { authenticate } from "./credentials";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth: username + password sign-in, JWT sessions that expire after 8 hours. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Portcullis",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
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
        if (!ok) return null;
        await recordLogin(result.subject.id);
        return { id: result.subject.id, name: result.subject.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.signedInAt = Date.now(); // milliseconds: see session-validity.ts
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined };
    },
  },
  secret: live.nextAuthSecret(),
  // HttpOnly and SameSite=Lax always (next-auth's defaults); Secure, with the __Secure- prefix,
  // whenever the console is reached over https.
  useSecureCookies: live.nextAuthUrl().startsWith("https://"),
};
