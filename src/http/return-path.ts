/**
 * Where to go back to (after signing in, after a button): only a path on this origin. A request whose
 * target is an absolute URL (`GET http://evil.example/contacts HTTP/1.1`) is routed by its path, so
 * the path is what is kept; anything that a browser would read as another origin (`//evil.example`,
 * `/\evil.example`) is refused.
 */
const PLACEHOLDER_ORIGIN = 'http://return-path.invalid';

/** The path and query of `target` when it stays on this origin, else undefined. */
export function localPath(target: unknown): string | undefined {
  if (typeof target !== 'string' || target === '' || target.length > 2000) return undefined;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  // Another origin's URL: only its path was routed here, so only its path is kept.
  const path = url.pathname + url.search;
  return isLocalPath(path) ? path : undefined;
}

/** A path that is safe to redirect to: one leading '/', no backslash, and read against any base it stays on that base. */
export function isLocalPath(target: unknown): target is string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return false;
  try {
    return new URL(target, PLACEHOLDER_ORIGIN).origin === PLACEHOLDER_ORIGIN;
  } catch {
    return false;
  }
}
