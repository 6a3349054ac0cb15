import { live } from "@/lib/config/env";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth({ ...authOptions, secret: live.nextAuthSecret() })(req, ctx);

export { handler as GET, handler as POST };
