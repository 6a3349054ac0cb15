/** Authorization header values. */
export const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
export const bearer = (t: string) => `Bearer ${t}`;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A route handler exactly as Next.js mounts it, called with a request built from the arguments. */
export async function call(
  handler: Handler,
  method: string,
  path: string,
  headers: Record<string, string>,
  opts: { body?: unknown; params?: Record<string, string> } = {},
) {
  const req = new Request(`http://console.test${path}`, {
    method,
    headers: { ...headers, ...(opts.body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { message: string } },
    headers: res.headers,
  };
}
