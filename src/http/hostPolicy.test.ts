import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerCredential, forgetCredentials } from './credential.ts';
import { allowHubs, bearerFor, checkTarget, forgetHubs, hubKeys } from './hostPolicy.ts';

const DISCOVERY = 'https://discover.api.seequent.com';
const HUB = 'https://au.api.seequent.com/sub';

afterEach(() => {
  forgetHubs();
  forgetCredentials();
});

describe('checkTarget refuses URL tricks (every assertion on a returned value, none in a catch)', () => {
  const allowed = [DISCOVERY, HUB];
  const refused = (url: string) => {
    const check = checkTarget(url, allowed);
    expect(check.ok, url).toBe(false);
    return check.ok ? '' : check.reason;
  };

  it('lets through an address under an allowed prefix', () => {
    expect(checkTarget(`${DISCOVERY}/evo/identity/v2/discovery?service=evo`, allowed).ok).toBe(true);
    expect(checkTarget(`${HUB}/workspace/orgs/o/workspaces`, allowed).ok).toBe(true);
  });

  it('userinfo: host@evil, and a user name on the right host', () => {
    expect(refused('https://discover.api.seequent.com@evil.example/evo')).toMatch(/user name/);
    expect(refused('https://someone@discover.api.seequent.com/evo')).toMatch(/user name/);
    expect(refused('https://:pw@discover.api.seequent.com/evo')).toMatch(/user name/);
  });

  it('backslashes', () => {
    expect(refused('https://discover.api.seequent.com\\@evil.example/evo')).toMatch(/backslash/);
    expect(refused('https://au.api.seequent.com/sub\\..\\other')).toMatch(/backslash/);
  });

  it('%2e%2e, plain dot segments and encoded slashes', () => {
    expect(refused('https://au.api.seequent.com/sub/%2e%2e/other')).toMatch(/segments/);
    expect(refused('https://au.api.seequent.com/sub/%2E%2e/sub/x')).toMatch(/segments/);
    expect(refused('https://au.api.seequent.com/sub/x/../y')).toMatch(/segments/);
    expect(refused('https://au.api.seequent.com/sub/.%2e/other')).toMatch(/segments/);
    expect(refused('https://au.api.seequent.com/sub/a%2f..%2fother')).toMatch(/segments|encoded/);
  });

  it('trailing dots', () => {
    expect(refused('https://discover.api.seequent.com./evo')).toMatch(/trailing dot/);
  });

  it('IDN look-alikes (a punycode host that differs)', () => {
    // "seqυent" with a Greek upsilon: the URL parser writes it as xn--…
    expect(refused('https://discover.api.seq\u03c5ent.com/evo')).toMatch(/punycode/);
    expect(refused('https://discover.api.xn--sequent-8ya.com/evo')).toMatch(/punycode/);
  });

  it('other ports, other schemes, other hosts, other paths', () => {
    expect(refused('https://discover.api.seequent.com:8443/evo')).toMatch(/another port/);
    expect(refused('http://discover.api.seequent.com/evo')).toMatch(/another (port|scheme)/);
    expect(refused('https://discover.api.seequent.com.evil.example/x')).toMatch(/not sent/);
    expect(refused('https://au.api.seequent.com/other/path')).toMatch(/not sent/);
    expect(refused('https://au.api.seequent.com/subway')).toMatch(/not sent/);
    expect(refused('not a url')).toMatch(/not an address/);
  });
});

describe('bearerFor: the token goes to the Discovery URL and the hubs Discovery named for it', () => {
  it('gives the token to the Discovery host of the settings', async () => {
    const credential = bearerCredential('secret-token', DISCOVERY);
    const result = await bearerFor(credential, `${DISCOVERY}/evo/identity/v2/discovery?service=evo`);
    expect(result.ok && result.held.via === 'bearer' && result.held.token).toBe('secret-token');
  });

  it('gives it to a hub only after Discovery named that hub for this token, and only under its path', async () => {
    const credential = bearerCredential('secret-token', DISCOVERY);
    const other = bearerCredential('another-token', DISCOVERY);
    expect((await bearerFor(credential, `${HUB}/workspace`)).ok).toBe(false);
    allowHubs(credential, [`${HUB}/`]);
    expect((await bearerFor(credential, `${HUB}/workspace`)).ok).toBe(true);
    expect((await bearerFor(credential, 'https://au.api.seequent.com/other/path')).ok).toBe(false);
    // Another token (another session) does not inherit the hub.
    expect((await bearerFor(other, `${HUB}/workspace`)).ok).toBe(false);
    forgetHubs();
    expect((await bearerFor(credential, `${HUB}/workspace`)).ok).toBe(false);
  });

  it('a hub check right after allowHubs sees the hub (no race with the digest)', async () => {
    const credential = bearerCredential('fresh-token', DISCOVERY);
    allowHubs(credential, [HUB]);
    const [first] = await Promise.all([bearerFor(credential, `${HUB}/x`)]);
    expect(first.ok).toBe(true);
  });

  it('names the host it refused, never the token', async () => {
    const result = await bearerFor(bearerCredential('secret-token', DISCOVERY), 'https://evil.example/steal');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('evil.example');
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('a forgotten credential authenticates nothing', async () => {
    const credential = bearerCredential('secret-token', DISCOVERY);
    forgetCredentials();
    const result = await bearerFor(credential, `${DISCOVERY}/evo`);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('a handle stringified shows no token', () => {
    expect(JSON.stringify({ credential: bearerCredential('secret-token', DISCOVERY) })).not.toContain('secret-token');
  });

  it('keys the hub allow-list by the SHA-256 of the token (one-way), not by a short hash', async () => {
    const token = 'header.payload.signature-for-sha';
    const credential = bearerCredential(token, DISCOVERY);
    allowHubs(credential, [HUB]);
    await bearerFor(credential, `${HUB}/x`); // settles after the hub is noted
    expect(hubKeys()).toEqual([createHash('sha256').update(token).digest('hex')]);
  });
});
