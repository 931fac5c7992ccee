/**
 * The host an http(s) URL names, as `URL.host` gives it: the port only when it is not the
 * scheme's default, so a rule made from it covers exactly what the URL reached. Undefined for
 * anything that is not an absolute http(s) URL.
 */
export function urlHost(text: string): string | undefined {
  const trimmed = text.trim();
  return /^https?:\/\//i.test(trimmed) && URL.canParse(trimmed) ? new URL(trimmed).host : undefined;
}

/**
 * The host a user means when they paste a whole URL where a host pattern is asked for (the
 * address bar is where people copy hosts from): `https://docs.example.com/a?b` is
 * `docs.example.com`. Anything that is not an http(s) URL is returned trimmed, for the pattern
 * parser to accept or explain.
 */
export function hostFromPasted(raw: string): string {
  return urlHost(raw) ?? raw.trim();
}
