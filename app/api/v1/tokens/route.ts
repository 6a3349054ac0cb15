import { z } from "zod";
import { json, route } from "@/lib/http/route";
import { listTokensFor, mintToken } from "@/lib/services/tokens";
import { createTokenInput } from "@/lib/validation/token";

const listQuery = z.object({ all: z.enum(["true", "false"]).transform((v) => v === "true").optional() });

export const GET = route({ access: "authenticated", query: listQuery }, async ({ caller, query }) => ({
  tokens: await listTokensFor(caller, { all: query.all }),
}));

/** Answers the secret once, as "token". */
export const POST = route({ access: "authenticated", body: createTokenInput }, async ({ caller, body, req }) =>
  json(await mintToken(caller, body, req), 201),
);
