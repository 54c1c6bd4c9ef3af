/**
 * Credentials never leave the process in text: these helpers strip them from anything that is
 * printed, logged or stored in a status.
 */

const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^/@\s]+)@/gi;

/** Replaces the userinfo of every URL in `text` with `***`: `https://***@host/repo`. */
export function redactUrls(text: string): string {
  return text.replace(URL_USERINFO, '$1***@');
}

/** `url` without its userinfo (`https://host/repo`), for labels where even a mask is noise. */
export function stripUrlCredentials(url: string): string {
  return url.replace(URL_USERINFO, '$1');
}

/** The mask Argo CD shows in place of Secret values. */
export const SECRET_MASK = '++++++++';

/** Replaces every occurrence of the given secret strings in `text` with `***`. */
export function redactValues(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}
