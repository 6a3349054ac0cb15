/**
 * The distribution registry's repository name grammar (reference/regexp.go): lowercase path
 * components joined by "/", at most 255 characters. Anchored; anything else is not a name.
 */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
const NAME_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
export const MAX_NAME_LENGTH = 255;

export function isRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && NAME_RE.test(name);
}

/**
 * A grant pattern: a repository name in which "*" stands for any run of characters (including "/"),
 * e.g. "team/*", "team/app-*", "*". A pattern must still be a name when each "*" is read as a letter,
 * so "team/../x", "Team/*" and "team//*" are refused.
 */
export function isRepositoryPattern(pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.length === 0 || pattern.length > MAX_NAME_LENGTH || pattern.includes("**")) return false;
  return NAME_RE.test(pattern.replaceAll("*", "a"));
}

const patternCache = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split("*")
      .map((lit) => lit.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+");
    re = new RegExp(`^${body}$`);
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re;
}

/** Whether a valid repository name falls under a pattern. Invalid names or patterns never match. */
export function matchesPattern(pattern: string, name: string): boolean {
  if (!isRepositoryName(name) || !isRepositoryPattern(pattern)) return false;
  if (!pattern.includes("*")) return pattern === name;
  return patternRegExp(pattern).test(name);
}

/** Whether every name `inner` matches is also matched by `outer` (for "already covered" hints). */
export function patternCovers(outer: string, inner: string): boolean {
  if (outer === inner || outer === "*") return true;
  if (!inner.includes("*")) return matchesPattern(outer, inner);
  // A wildcard pattern is covered when the outer one matches it with its stars read literally
  // as one or more arbitrary characters: test with a character outside the name alphabet.
  return patternRegExp(outer).test(inner.replaceAll("*", "\u0000"));
}
