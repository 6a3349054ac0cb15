/**
 * The distribution registry's repository name grammar (reference/regexp.go): lowercase path
 * components joined by "/", at most 255 characters. Anchored; anything else is not a name.
 * Distribution writes the separator as `[._]|__|[-]*`; Go's regexp is linear whatever the
 * pattern, but a backtracking engine (JavaScript's) takes exponential time on that empty-able
 * `[-]*` ("aaaa…a!" of 40 characters would stall the event loop for hours). `-+` accepts exactly
 * the same names (an empty separator only splits a run of letters) and leaves one way to match.
 */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
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

const ANY = 1; // exactly one character
const STAR = 2; // zero or more characters

/**
 * Wildcard matching without regular expressions: "*" is one or more characters of any kind, read
 * as ANY then STAR. The classic two-pointer walk (backtracking only to the last STAR) takes at most
 * O(pattern × text) steps, whatever pattern an admin wrote ("a*a*a*…") and whatever name a
 * client sends: no backtracking blow-up.
 */
function globMatch(pattern: string, text: string): boolean {
  const toks: (string | number)[] = [];
  for (const c of pattern) {
    if (c === "*") toks.push(ANY, STAR);
    else toks.push(c);
  }
  const chars = [...text];
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < chars.length) {
    if (p < toks.length && toks[p] === STAR) {
      star = p++;
      mark = t;
    } else if (p < toks.length && (toks[p] === ANY || toks[p] === chars[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < toks.length && toks[p] === STAR) p++;
  return p === toks.length;
}

/** Whether a valid repository name falls under a pattern. Invalid names or patterns never match. */
export function matchesPattern(pattern: string, name: string): boolean {
  if (!isRepositoryName(name) || !isRepositoryPattern(pattern)) return false;
  if (!pattern.includes("*")) return pattern === name;
  return globMatch(pattern, name);
}

/** Whether every name `inner` matches is also matched by `outer` (for "already covered" hints). */
export function patternCovers(outer: string, inner: string): boolean {
  if (outer === inner || outer === "*") return true;
  if (!inner.includes("*")) return matchesPattern(outer, inner);
  // A wildcard pattern is covered when the outer one matches it with its stars read literally
  // as one or more arbitrary characters: test with a character outside the name alphabet.
  return globMatch(outer, inner.replaceAll("*", "\u0000"));
}
