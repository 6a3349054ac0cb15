import { answerTokenRequest, type RawTokenRequest } from "@/lib/token-server/http";

/**
 * The token endpoint as a plain Next.js route handler. server.ts answers this path itself in
 * front of Next's router (several times faster); this handler serves it when that fast path is
 * switched off (PORTCULLIS_TOKEN_VIA_NEXT=1), which `npm run bench:token` uses for comparison.
 */
async function handle(req: Request): Promise<Response> {
  const raw: RawTokenRequest = {
    method: req.method,
    query: new URL(req.url).searchParams,
    header: (n) => req.headers.get(n) ?? undefined,
    readBody: async () => {
      const text = await req.text();
      if (text.length > 16 * 1024) throw new Error("request body too large");
      return text;
    },
    socketIp: req.headers.get("x-portcullis-socket-ip") ?? undefined,
  };
  const r = await answerTokenRequest(raw);
  return Response.json(r.body, { status: r.status, headers: { "Cache-Control": "no-store", ...r.headers } });
}

export { handle as GET, handle as POST };
