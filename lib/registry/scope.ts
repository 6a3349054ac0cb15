/**
 * The token-auth scope grammar: resourcetype[(resourceclass)]:resourcename:action[,action...]
 * e.g. "repository:team/app:pull,push", "repository(plugin):x:pull", "registry:catalog:*".
 * The action list is split at the LAST colon (a name may carry a host:port prefix).
 */
export interface Scope {
  type: string;
  class?: string;
  name: string;
  actions: string[];
}

const TYPE_RE = /^([a-z0-9]+)(?:\(([a-z0-9]+)\))?$/;
const ACTION_RE = /^(?:[a-z]+|\*)$/;
export const MAX_SCOPES = 32;
const MAX_SCOPE_LENGTH = 512;

/** Parses one scope; null for anything malformed (the caller denies it). */
export function parseScope(raw: string): Scope | null {
  if (raw.length === 0 || raw.length > MAX_SCOPE_LENGTH) return null;
  const first = raw.indexOf(":");
  const last = raw.lastIndexOf(":");
  if (first <= 0 || last === first) return null;
  const typeMatch = TYPE_RE.exec(raw.slice(0, first));
  const name = raw.slice(first + 1, last);
  const actionList = raw.slice(last + 1);
  if (!typeMatch || name.length === 0 || actionList.length === 0) return null;
  const actions = actionList.split(",");
  if (actions.some((a) => !ACTION_RE.test(a))) return null;
  return {
    type: typeMatch[1],
    ...(typeMatch[2] ? { class: typeMatch[2] } : {}),
    name,
    actions: [...new Set(actions)],
  };
}

/**
 * Parses the `scope` query parameters. Clients send several parameters, and some (older docker
 * CLIs) join several scopes with spaces in one. Duplicates of a resource are merged.
 */
export function parseScopes(params: readonly string[]): { scopes: Scope[]; malformed: string[] } {
  const scopes = new Map<string, Scope>();
  const malformed: string[] = [];
  for (const param of params) {
    for (const raw of param.split(" ")) {
      if (!raw) continue;
      const s = parseScope(raw);
      if (!s) {
        if (malformed.length < MAX_SCOPES) malformed.push(raw.slice(0, 200));
        continue;
      }
      const key = `${s.type}(${s.class ?? ""}):${s.name}`;
      const prev = scopes.get(key);
      if (prev) prev.actions = [...new Set([...prev.actions, ...s.actions])];
      else if (scopes.size < MAX_SCOPES) scopes.set(key, s);
      else malformed.push(raw.slice(0, 200));
    }
  }
  return { scopes: [...scopes.values()], malformed };
}

export function formatScope(s: Scope): string {
  return `${s.type}${s.class ? `(${s.class})` : ""}:${s.name}:${s.actions.join(",")}`;
}
