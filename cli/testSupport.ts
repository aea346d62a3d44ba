import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';

/**
 * For tests: runs the token CLI as a person would (through tsx) with stdout piped, so never a
 * terminal. `onStderr` sees everything written to stderr so far, each time more arrives.
 */
export function runTokenCli(args: string[], env: Record<string, string> = {}, onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** The sign-in address a `native --no-browser` run printed for the IMS twin at `issuer`, once it has. */
export function printedSignInUrl(stderr: string, issuer: string): string | undefined {
  const escaped = issuer.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^(${escaped}/connect/authorize\\?\\S+)$`, 'm').exec(stderr)?.[1];
}

/** Signs in on the IMS twin's login page at `url` and waits for the CLI's "Signed in" page. */
export async function signInOnTwin(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Signed in' }).waitFor();
}
