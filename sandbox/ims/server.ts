import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import type Provider from 'oidc-provider';
import type { SandboxConfig } from '../config.ts';
import { close, listen, readBody, sendHtml, urlHost } from '../http.ts';
import { findUserByEmail, SANDBOX_PASSWORD } from '../users.ts';
import { EVO_RESOURCE } from './tokenShape.ts';
import { createImsProvider } from './provider.ts';
import { errorPage, loginPage } from './pages.ts';

/** A running IMS twin. */
export interface ImsTwin {
  issuer: string;
  provider: Provider;
  close(): Promise<void>;
}

const INTERACTION_PATH = /^\/interaction\/([\w-]+)$/;

async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session } = details;
  const client = await provider.Client.find(String(params.client_id));
  const clientName = client?.clientName ?? String(params.client_id);
  const action = `/interaction/${uid}`;

  if (req.method === 'GET' && prompt.name === 'login') {
    sendHtml(res, 200, loginPage({ action, clientName }));
    return;
  }

  let accountId = session?.accountId;
  if (req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('action') === 'cancel') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (prompt.name === 'login') {
      const email = form.get('email') ?? '';
      const user = findUserByEmail(email);
      if (!user || form.get('password') !== SANDBOX_PASSWORD) {
        sendHtml(
          res,
          200,
          loginPage({ action, clientName, email, error: 'That email and password do not match a sandbox user.' }),
        );
        return;
      }
      accountId = user.sub;
    }
  }
  if (!accountId) {
    sendHtml(res, 400, errorPage('login_required', 'This sign-in has no signed-in person; start again from the app.'));
    return;
  }

  // Consent is not shown, as IMS does not show it for Evo apps: grant what the client may have.
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: String(params.client_id) });
  if (!grant) throw new Error('grant not found');
  const missing = prompt.details as {
    missingOIDCScope?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope);
  const resourceScopes = missing.missingResourceScopes?.[EVO_RESOURCE];
  if (resourceScopes) grant.addResourceScope(EVO_RESOURCE, resourceScopes);
  const grantId = await grant.save();

  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** Starts the IMS twin on `config.imsPort`, signing with `signingKey` if one is given. */
export async function startIms(config: SandboxConfig, signingKey?: JWK): Promise<ImsTwin> {
  const issuer = `http://${urlHost(config.host)}:${config.imsPort}`;
  const provider = await createImsProvider(issuer, config, signingKey);
  const oidc = provider.callback();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (INTERACTION_PATH.test(path) && (req.method === 'GET' || req.method === 'POST')) {
      handleInteraction(provider, req, res).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : 'unexpected error';
        sendHtml(res, 400, errorPage('interaction_failed', `${message}. Start the sign-in again from the app.`));
      });
      return;
    }
    void oidc(req, res);
  });
  await listen(server, config.imsPort, config.host);
  return { issuer, provider, close: () => close(server) };
}
