/** Where to go after login: only same-origin paths, so a crafted ?return= cannot send a user elsewhere. */
export function safeReturnPath(value: string | null): string {
  return value &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\') &&
    !value.startsWith('/login')
    ? value
    : '/applications';
}
