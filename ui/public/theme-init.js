// Sets the theme before the first paint so a dark-mode user never sees a white flash; the app's
// theme toggle (src/hooks/useTheme.ts) uses the same storage key.
try {
  const saved = localStorage.getItem('capstan.theme');
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
} catch {
  document.documentElement.dataset.theme = 'light';
}
