/**
 * Evo Discovery from Node: plain fetch, the bearer only to the Discovery endpoint under the
 * Discovery URL given, and never through a redirect (`redirect: 'manual'`: a 3xx is reported, not
 * followed, so the token goes nowhere else).
 */
import { CliError, describe } from './errors.ts';
import { checkDiscoveryUrl, discoveryEndpoint, isUnder } from './hosts.ts';

export interface Instance {
  id: string;
  display_name: string;
}

/** The instances Discovery lists for this token. */
export async function discoverInstances(discoveryUrl: string, token: string): Promise<Instance[]> {
  const endpoint = discoveryEndpoint(checkDiscoveryUrl(discoveryUrl).href);
  if (!isUnder(new URL(endpoint), discoveryUrl)) throw new CliError(`The token is not sent to ${endpoint}.`);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      redirect: 'manual',
    });
  } catch (error) {
    throw new CliError(`Evo Discovery at ${endpoint} did not answer (${describe(error)}).`);
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    let to = 'another address';
    try {
      if (location) {
        const target = new URL(location, endpoint);
        to = `${target.origin}${target.pathname}`;
      }
    } catch {
      // An unreadable Location is still a redirect, and still not followed.
    }
    throw new CliError(
      `Evo Discovery answered with a redirect (${response.status}) to ${to}; the token is not sent there. Give the Discovery URL that answers itself with --discovery.`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    { discovery?: { organizations?: Instance[] | null }; title?: string; detail?: string } | undefined;
  if (!response.ok) {
    throw new CliError(
      `Evo Discovery answered ${response.status}${body?.title ? ` ${body.title}` : ''}${body?.detail ? `: ${body.detail}` : ''}.`,
    );
  }
  return body?.discovery?.organizations ?? [];
}
