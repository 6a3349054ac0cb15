import { sql } from "./client";

/**
 * Whether what the token endpoint read may still be reused. Every change to what a decision reads
 * (accounts, tokens, refresh tokens, grants, teams, memberships, lockouts) notifies the channel
 * from a database trigger (migration `…_change_notifications`), so every replica hears of it at
 * commit; the instance that made a change also moves on at once, when its transaction returns
 * (lib/db/client.ts), before it answers. A reader notes the generation before reading and may keep
 * what it read only if no change came in between. While the channel is down nothing is reused.
 */
export const CHANGES_CHANNEL = "portcullis_changes";

interface Feed {
  generation: number;
  listening: boolean;
  stop?: () => Promise<void>;
}

// On globalThis: server.ts and Next.js's bundle load this module separately and must share it.
const slot = globalThis as unknown as { __portcullisChangeFeed?: Feed };
const feed = (): Feed => (slot.__portcullisChangeFeed ??= { generation: 0, listening: false });

/** Something changed: whatever was read before now may be stale. */
export function changed(): void {
  feed().generation++;
}

/** The generation to note before a read; null while nothing may be reused (not listening). */
export function readGeneration(): number | null {
  const f = feed();
  return f.listening ? f.generation : null;
}

/** Whether something read at `generation` may still be used. */
export function stillCurrent(generation: number | null): boolean {
  const f = feed();
  return generation !== null && f.listening && f.generation === generation;
}

/** Starts listening (server.ts); notifications missed while down count as a change. */
export function startChangeFeed(): void {
  const f = feed();
  if (f.stop) return;
  f.stop = sql().listen(CHANGES_CHANNEL, {
    notify: changed,
    up: () => {
      changed();
      f.listening = true;
    },
    down: () => {
      f.listening = false;
      changed();
    },
  });
}

export async function stopChangeFeed(): Promise<void> {
  const f = feed();
  const stop = f.stop;
  f.stop = undefined;
  f.listening = false;
  changed();
  await stop?.();
}
