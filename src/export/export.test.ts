import { strFromU8, unzipSync } from 'fflate';
import { Collection } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_TEMPLATES } from '../config/endpoints.ts';
import { brunoFiles } from './bruno.ts';
import type { ExportConnection } from './connection.ts';
import { brunoZip, exportFiles } from './exportFiles.ts';
import { httpFile } from './httpFile.ts';
import { postmanCollection, POSTMAN_SCHEMA } from './postman.ts';

const IMS_QA: ExportConnection = {
  environment: 'ims-qa',
  authorizationEndpoint: 'https://qa-ims.bentley.com/connect/authorize',
  tokenEndpoint: 'https://qa-ims.bentley.com/connect/token',
  clientId: 'my-evo-app',
  scopes: ['evo.discovery', 'evo.workspace', 'evo.object', 'offline_access'],
  discoveryUrl: 'https://discover.api.seequent.com/',
  hubUrl: 'https://350mt.api.seequent.com',
  orgId: 'd0ea331e-814e-4e24-a1b8-cd563c5b1d31',
  workspaceId: 'd0ea331e-814e-4e24-a1b8-10194c9bdeb4',
};

/** The collection as Postman's own SDK (the one newman runs on) reads it back. */
function readByPostman(connection: ExportConnection) {
  const json = postmanCollection(connection);
  const collection = new Collection(json);
  const auth = Object.fromEntries(
    (collection.toJSON().auth?.oauth2 as { key: string; value: unknown }[]).map(({ key, value }) => [key, value]),
  );
  return { json, collection, auth };
}

describe('the Postman export', () => {
  it('is a v2.1 collection the SDK reads whole: Authorization Code with PKCE (S256) at the collection level, a public client', () => {
    const { json, collection, auth } = readByPostman(IMS_QA);
    expect(Collection.isCollection(collection)).toBe(true);
    expect((json.info as { schema: string }).schema).toBe(POSTMAN_SCHEMA);
    // Every attribute survives the SDK's read, so the file says nothing Postman cannot hold.
    expect(collection.toJSON().auth).toEqual(json.auth);
    expect(auth).toMatchObject({
      grant_type: 'authorization_code_with_pkce',
      challengeAlgorithm: 'S256',
      authUrl: 'https://qa-ims.bentley.com/connect/authorize',
      accessTokenUrl: 'https://qa-ims.bentley.com/connect/token',
      refreshTokenUrl: 'https://qa-ims.bentley.com/connect/token',
      clientId: 'my-evo-app',
      client_authentication: 'body',
      scope: 'evo.discovery evo.workspace evo.object offline_access',
      redirect_uri: 'https://oauth.pstmn.io/v1/callback',
      addTokenTo: 'header',
    });
    // No secret at all: not even an empty one Postman would send (client_secret=undefined, or Basic).
    expect(Object.keys(auth).filter((key) => /secret|code/i.test(key) || key === 'accessToken')).toEqual([]);
  });

  it('has a request per endpoint the console knows, the session’s ids as collection variables, and the token fallback', () => {
    const { collection } = readByPostman(IMS_QA);
    const urls: string[] = [];
    collection.forEachItem((item) => urls.push(item.request.url.toString()));
    expect(urls).toHaveLength(ENDPOINT_TEMPLATES.length);
    expect(urls).toContain('{{hub_url}}/workspace/orgs/{{org_id}}/workspaces/{{workspace_id}}/users');
    expect(urls).toContain('{{discovery_url}}/evo/identity/v2/discovery?service=evo');
    expect(collection.variables.toObject()).toEqual({
      discovery_url: 'https://discover.api.seequent.com',
      hub_url: 'https://350mt.api.seequent.com',
      org_id: IMS_QA.orgId,
      workspace_id: IMS_QA.workspaceId,
    });
    const script = collection.events.listeners('prerequest')[0]!.script.toSource();
    expect(script).toContain("pm.variables.get('EVO_ACCESS_TOKEN')");
  });

  it('refreshes only where offline_access is chosen', () => {
    const { auth } = readByPostman({ ...IMS_QA, scopes: ['evo.discovery', 'evo.workspace'] });
    expect(auth.refreshTokenUrl).toBeUndefined();
    expect(auth.scope).toBe('evo.discovery evo.workspace');
  });
});

describe('the Bruno and .http exports', () => {
  it('Bruno: OAuth 2.0 with PKCE at the collection level, no client_secret line, the ids in the environment', () => {
    const files = Object.fromEntries(brunoFiles(IMS_QA).map((file) => [file.name, file.text]));
    const collection = files['evo-ims-qa/collection.bru']!;
    expect(collection).toMatch(/^ {2}grant_type: authorization_code$/m);
    expect(collection).toMatch(/^ {2}pkce: true$/m);
    expect(collection).toMatch(/^ {2}credentials_placement: body$/m);
    expect(collection).toMatch(/^ {2}auto_refresh_token: true$/m);
    expect(collection).not.toContain('client_secret');
    expect(files['evo-ims-qa/environments/ims-qa.bru']).toContain(`workspace_id: ${IMS_QA.workspaceId}`);
    expect(Object.keys(files).filter((name) => name.endsWith('.bru') && !name.endsWith('folder.bru'))).toHaveLength(
      ENDPOINT_TEMPLATES.length + 2,
    );
  });

  it('the Bruno zip holds the same files', () => {
    const zip = brunoZip(IMS_QA);
    expect(zip.name).toBe('evo-ims-qa.bruno.zip');
    const entries = Object.fromEntries(
      Object.entries(unzipSync(zip.bytes)).map(([name, bytes]) => [name, strFromU8(bytes)]),
    );
    expect(entries).toEqual(Object.fromEntries(brunoFiles(IMS_QA).map((file) => [file.name, file.text])));
  });

  it('.http: variables at the top, the token from the environment, an httpyac OAuth2 PKCE block', () => {
    const text = httpFile(IMS_QA);
    const firstRequest = text.indexOf('\nGET ');
    expect(text.indexOf(`@workspace_id = ${IMS_QA.workspaceId}`)).toBeLessThan(firstRequest);
    expect(text).toContain('@token = {{$processEnv EVO_ACCESS_TOKEN}}');
    expect(text).toContain('@oauth2_usePkce = true');
    expect(text.match(/^GET /gm)).toHaveLength(ENDPOINT_TEMPLATES.length);
  });

  it('names every file after the connection', () => {
    expect(exportFiles(IMS_QA, 'postman').map((file) => file.name)).toEqual([
      'evo-ims-qa.postman_collection.json',
      'evo-ims-qa.postman_environment.json',
    ]);
    expect(exportFiles(IMS_QA, 'http').map((file) => file.name)).toEqual(['evo-ims-qa.http']);
  });
});
