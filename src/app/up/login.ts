/** A session for the stored CLI context, got the way any client gets one: `POST /api/v1/session`. */
import { CapstanError } from '../../core/index.ts';

export async function loginAsAdmin(url: string, password: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
    signal,
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string };
  if (!res.ok || !body.token) {
    throw new CapstanError(`${url}: admin login failed: ${res.status} ${body.message ?? ''}`.trim(), {
      code: 'LoginFailed',
    });
  }
  return body.token;
}
