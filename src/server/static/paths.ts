/** The paths the server owns; every other path belongs to the web UI (docs/api.md §12). */
const SERVER_PREFIXES = ['/api/', '/auth/'];
const SERVER_PATHS = new Set(['/api', '/auth', '/healthz', '/metrics']);

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export function isUiPath(url: string): boolean {
  const path = pathOf(url);
  return !SERVER_PATHS.has(path) && !SERVER_PREFIXES.some((p) => path.startsWith(p));
}
