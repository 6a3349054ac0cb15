import { live } from "../config/env";
import type { NextAuthOptions } from "next-auth";
import { enabledSignInProviders } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth: the enabled sign-in providers (lib/auth/sign-in), JWT sessions that expire after 8 hours. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: enabledSignInProviders().map((p) => p.provider()),
  callbacks: {
    async signIn({ user, account }) {
      const provider = enabledSignInProviders().find((p) => p.id === account?.provider);
      return provider?.onSignIn ? provider.onSignIn(user, account) : true;
    },
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
