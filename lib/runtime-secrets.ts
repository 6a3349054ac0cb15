import type { Secrets } from "./config/secrets";

/** The process's secrets (see config/secrets.ts), shared by server.ts and the Next.js bundle. */
const slot = globalThis as unknown as { __portcullisSecrets?: Secrets };

export function setRuntimeSecrets(s: Secrets): void {
  slot.__portcullisSecrets = s;
}

export function runtimeSecrets(): Secrets {
  if (!slot.__portcullisSecrets) throw new Error("secrets not loaded: start Portcullis with `npm start` (server.ts)");
  return slot.__portcullisSecrets;
}
