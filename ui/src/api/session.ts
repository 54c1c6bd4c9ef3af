// docs/api.md §5–7: login, logout, who am I, public settings, projects.
import { API_BASE, request } from './http.ts';
import type { AppProject, List, Settings, UserInfo } from './types.ts';

export function login(username: string, password: string, signal?: AbortSignal): Promise<{ token: string }> {
  return request(`${API_BASE}/session`, {
    method: 'POST',
    body: { username, password },
    expectUnauthenticated: true,
    ...(signal ? { signal } : {}),
  });
}

export function logout(): Promise<unknown> {
  return request(`${API_BASE}/session`, { method: 'DELETE', expectUnauthenticated: true });
}

export function userInfo(signal?: AbortSignal): Promise<UserInfo> {
  return request(`${API_BASE}/session/userinfo`, signal ? { signal } : {});
}

export function settings(signal?: AbortSignal): Promise<Settings> {
  return request(`${API_BASE}/settings`, signal ? { signal } : {});
}

export function listProjects(signal?: AbortSignal): Promise<List<AppProject>> {
  return request(`${API_BASE}/projects`, signal ? { signal } : {});
}
