import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerCredential, forgetCredentials } from './credential.ts';
import { allowHubs, bearerFor, checkTarget, forgetHubs, hubKeys, hubRefusal } from './hostPolicy.ts';

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

  it('"..;" segments, which Java servers read as ".."', () => {
    expect(refused('https://au.api.seequent.com/sub/..;/admin')).toMatch(/"\.\.;" segment/);
    expect(refused('https://au.api.seequent.com/sub/..;jsessionid=x/admin')).toMatch(/"\.\.;" segment/);
    expect(refused('https://au.api.seequent.com/sub/.;/x')).toMatch(/"\.\.;" segment/);
    expect(refused('https://au.api.seequent.com/sub/%2e%2e%3b/admin')).toMatch(/"\.\.;" segment/);
    // A semicolon elsewhere in a name is not a dot segment.
    expect(checkTarget(`${HUB}/workspace/a;b`, allowed).ok).toBe(true);
  });

  it('double-encoded dots and slashes (%252e, %252f), however often stacked', () => {
    expect(refused('https://au.api.seequent.com/sub/%252e%252e/admin')).toMatch(/encoded twice/);
    expect(refused('https://au.api.seequent.com/sub/%252E%252E/admin')).toMatch(/encoded twice/);
    expect(refused('https://au.api.seequent.com/sub/a%252f..%252fadmin')).toMatch(/encoded twice/);
    expect(refused('https://au.api.seequent.com/sub/%25252e%25252e/admin')).toMatch(/encoded twice/);
    expect(refused('https://au.api.seequent.com/sub/%252e%252e%253b/admin')).toMatch(/encoded twice/);
    // An encoded percent that hides no dot or slash is an ordinary character.
    expect(checkTarget(`${HUB}/files/100%25done`, allowed).ok).toBe(true);
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

  it('takes only https hubs, or http on this machine; the others are returned with a reason and never get the bearer', async () => {
    const credential = bearerCredential('secret-token', DISCOVERY);
    const named = [
      'http://au.api.seequent.com/sub',
      'ftp://au.api.seequent.com/sub',
      'javascript:alert(1)',
      'ws://au.api.seequent.com/sub',
      'https://eu.api.seequent.com',
      'http://127.0.0.1:3001',
      'http://localhost:3001/hub',
      'http://[::1]:3001',
    ];
    const refused = allowHubs(credential, named);
    expect(refused.map((hub) => hub.url)).toEqual([
      'http://au.api.seequent.com/sub',
      'ftp://au.api.seequent.com/sub',
      'javascript:alert(1)',
      'ws://au.api.seequent.com/sub',
    ]);
    expect(refused[0]!.reason).toBe(
      'Discovery named the hub http://au.api.seequent.com over plain http: the token is not sent there (only https hubs, or http on this machine).',
    );
    expect(refused[1]!.reason).toMatch(/scheme "ftp:": the token is not sent there/);
    const given = async (url: string) => (await bearerFor(credential, url)).ok;
    expect(await given('http://au.api.seequent.com/sub/workspace')).toBe(false);
    expect(await given('ftp://au.api.seequent.com/sub/workspace')).toBe(false);
    expect(await given('ws://au.api.seequent.com/sub/workspace')).toBe(false);
    expect(await given('https://eu.api.seequent.com/workspace')).toBe(true);
    expect(await given('http://127.0.0.1:3001/workspace')).toBe(true);
    expect(await given('http://localhost:3001/hub/workspace')).toBe(true);
    expect(await given('http://[::1]:3001/workspace')).toBe(true);
    expect(hubRefusal('not a url')).toMatch(/not an address/);
    expect(hubRefusal('http://localhost.evil.example')).toMatch(/plain http/);
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
