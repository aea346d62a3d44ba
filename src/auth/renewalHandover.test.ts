import { User, type UserManager } from 'oidc-client-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { digest, receiveHandovers, renewSession, SpentRefreshTokenError } from './renewal.ts';

/*
 * Tabs of one session (a duplicated tab) share a refresh token. The tab that renews announces the
 * spent token and hands over its successor on a BroadcastChannel; Node's BroadcastChannel carries
 * it between two channels of one process as a browser does between tabs.
 */

const user = (refresh: string, access: string) =>
  new User({
    access_token: access,
    refresh_token: refresh,
    token_type: 'Bearer',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    profile: { sub: 'ada', iss: 'https://ims.example', aud: 'evo', exp: 0, iat: 0 },
  });

function fakeManager(held: User) {
  let stored: User | null = held;
  const fake = {
    getUser: vi.fn(() => Promise.resolve(stored)),
    storeUser: vi.fn((next: User | null) => {
      stored = next;
      return Promise.resolve();
    }),
    signinSilent: vi.fn(() => Promise.resolve(user('rt-sent', 'at-sent'))),
    load: vi.fn(() => Promise.resolve()),
  };
  const manager = {
    settings: { authority: 'https://ims.example', client_id: 'lab' },
    getUser: fake.getUser,
    storeUser: fake.storeUser,
    signinSilent: fake.signinSilent,
    events: { load: fake.load },
  } as unknown as UserManager;
  return { manager, ...fake };
}

const otherTab = new BroadcastChannel('evo-sign-in-lab:renewal');
/** Long enough for a message and the digests it sets off (each test also waits for what it expects). */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 200));
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('renewal across tabs of one session', () => {
  it('takes over the tokens another tab renewed with the refresh token this tab holds, sending nothing', async () => {
    const { manager, storeUser, load, signinSilent } = fakeManager(user('rt-1', 'at-1'));
    stops.push(receiveHandovers(manager));
    // The other tab holds the session's Web Lock while it renews; this tab asks meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const locked = new Promise<void>(
      (granted) =>
        void navigator.locks.request('evo-sign-in-lab:renew:https://ims.example|lab', () => (granted(), held)),
    );
    await locked;
    const asked = renewSession(manager);
    otherTab.postMessage({ spent: await digest('rt-1'), successor: user('rt-2', 'at-2').toStorageString() });
    await vi.waitFor(() => expect(storeUser).toHaveBeenCalledTimes(1));
    expect((await manager.getUser())?.access_token).toBe('at-2');
    expect(load).toHaveBeenCalledTimes(1);
    release();
    // The renewal asked meanwhile is answered by the handed-over tokens, with no request.
    await expect(asked).resolves.toMatchObject({ access_token: 'at-2' });
    expect(signinSilent).not.toHaveBeenCalled();
  });

  it('ignores a handover for a refresh token it does not hold', async () => {
    const { manager, storeUser } = fakeManager(user('rt-mine', 'at-mine'));
    stops.push(receiveHandovers(manager));
    otherTab.postMessage({ spent: await digest('rt-theirs'), successor: user('rt-x', 'at-x').toStorageString() });
    await delivered();
    expect(storeUser).not.toHaveBeenCalled();
    expect((await manager.getUser())?.access_token).toBe('at-mine');
  });

  it('never sends a refresh token another tab announced as spent without a successor', async () => {
    const { manager, signinSilent } = fakeManager(user('rt-old', 'at-old'));
    otherTab.postMessage({ spent: await digest('rt-old') });
    await delivered();
    await expect(renewSession(manager)).rejects.toBeInstanceOf(SpentRefreshTokenError);
    expect(signinSilent).not.toHaveBeenCalled();
  });
});
