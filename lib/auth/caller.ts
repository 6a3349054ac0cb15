import type { Credential } from "./credentials";
import type { Role } from "../validation/common";

/** Who is calling: a signed-in person (cookie), or a script with Basic or a Bearer token. Services take this, never a request. */
export type Caller =
  | { kind: "user"; id: string; name: string; role: Role; via: "session" }
  | { kind: "user"; id: string; name: string; role: Role; via: "password" | "token"; credential: Credential }
  | { kind: "service_account"; id: string; name: string; via: "token"; credential: Credential };
