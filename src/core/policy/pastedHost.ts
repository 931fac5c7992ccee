/**
 * The host a user means when they paste a whole URL where a host pattern is asked for (the
 * address bar is where people copy hosts from): `https://docs.example.com/a?b` is
 * `docs.example.com`. A port is kept only when the URL names one other than its scheme's default,
 * so the rule covers exactly what the URL reached. Anything that is not an http(s) URL is
 * returned trimmed, for the pattern parser to accept or explain.
 */
export function hostFromPasted(raw: string): string {
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) return text;
  return new URL(text).host;
}
