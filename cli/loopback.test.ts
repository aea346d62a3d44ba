import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback | undefined;
afterEach(() => loopback?.close());

/** Whether `promise` has settled by now (after a turn of the event loop). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

describe('the loopback listener', () => {
  it('answers only its callback path with the expected state; the flow keeps waiting through the others', async () => {
    loopback = await listenOnLoopback(0);
    const callback = loopback.callback('expected-state', 10);
    const base = loopback.redirectUri;

    const wrongPath = await fetch(new URL('/favicon.ico', base));
    expect(wrongPath.status).toBe(404);
    const wrongPathSameState = await fetch(new URL('/other?code=c&state=expected-state', base));
    expect(wrongPathSameState.status).toBe(404);
    const wrongState = await fetch(`${base}?code=c&state=someone-elses`);
    expect(wrongState.status).toBe(400);
    expect(await wrongState.text()).toMatch(/still waiting/);
    const noState = await fetch(`${base}?code=c`);
    expect(noState.status).toBe(400);
    expect(await settled(callback)).toBe(false);

    const answer = fetch(`${base}?code=the-code&state=expected-state`);
    const returned = await callback;
    expect(returned.url.searchParams.get('code')).toBe('the-code');
    // A second callback with the same state is not taken.
    expect((await fetch(`${base}?code=again&state=expected-state`)).status).toBe(400);
    await returned.finish(true);
    expect(await (await answer).text()).toContain('<h1>Signed in</h1>');
  });

  it('says "Signed in" only after the exchange: until then the browser waits, and a failed exchange says so', async () => {
    loopback = await listenOnLoopback(0);
    const callback = loopback.callback('s', 10);
    const answer = fetch(`${loopback.redirectUri}?code=c&state=s`).then((response) => response.text());
    const returned = await callback;
    expect(await settled(answer)).toBe(false);
    await returned.finish(false);
    const page = await answer;
    expect(page).toContain('Sign-in did not complete');
    expect(page).not.toContain('Signed in');
  });
});
