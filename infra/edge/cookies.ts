/** The cookies of a `Cookie:` header (every value of every header line). */
export function parseCookies(headers: { value: string }[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const { value } of headers ?? []) {
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 1) continue;
      const name = part.slice(0, eq).trim();
      if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
    }
  }
  return cookies;
}

/**
 * A `Set-Cookie` value for the site's own cookies (named `__Host-…`: the
 * browser then takes them only from this host, over HTTPS, for path `/`): HTTPS only, invisible to
 * page scripts, sent on top-level navigations from other sites (the sign-in
 * redirect comes back from the Cognito domain) but not on their sub-requests.
 *
 * @example
 * setCookie('__Host-scorecard_id', token, 3600); // '__Host-scorecard_id=…; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax'
 */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Secure; HttpOnly; SameSite=Lax`;
}

/** A `Set-Cookie` value that deletes the cookie. */
export function clearCookie(name: string): string {
  return setCookie(name, '', 0);
}
