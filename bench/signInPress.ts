// The comparison pages carry the Sign in press across the redirect exactly as the app does
// (src/app/signInPress.ts), so the benchmark measures all three from the same trusted click event.
const KEY = 'evo-lab:sign-in-pressed';

export function rememberSignInPress(event: { isTrusted: boolean; timeStamp: number }): void {
  if (event.isTrusted) sessionStorage.setItem(KEY, String(performance.timeOrigin + event.timeStamp));
}

export function markSignInPress(): void {
  const at = Number(sessionStorage.getItem(KEY));
  sessionStorage.removeItem(KEY);
  if (at > 0) performance.mark(KEY, { startTime: 0, detail: { at } });
}
