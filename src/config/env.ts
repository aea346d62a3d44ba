import { EVO_DISCOVERY_URL, IMS_AUTHORITY } from './catalogue.ts';
import { checkServiceUrl } from './url.ts';
import { environmentPresets, isEnvironmentId, type EnvironmentId, type EnvironmentPreset } from './environments.ts';

/** A `VITE_*` value that is wrong, with what to do about it. */
export interface EnvProblem {
  variable: string;
  problem: string;
  fix: string;
}

/** The deployment's configuration, read once from `import.meta.env`. */
export interface AppEnv {
  defaultEnvironment: EnvironmentId;
  presets: Record<EnvironmentId, EnvironmentPreset>;
  /** The authority a first visit to the custom environment starts with ('' when unset). */
  customAuthority: string;
  /**
   * The `aud` Evo expects in a token from IMS (`VITE_EVO_AUDIENCE`): not published by Bentley, so
   * unset by default, and the verdict says it could not check the audience. The sandbox's is known.
   */
  evoAudience?: string;
}

export type EnvResult = { ok: true; env: AppEnv } | { ok: false; problems: EnvProblem[] };

type EnvVariable =
  | 'VITE_ENVIRONMENT'
  | 'VITE_CLIENT_ID'
  | 'VITE_AUTHORITY'
  | 'VITE_DISCOVERY_URL'
  | 'VITE_SANDBOX_AUTHORITY'
  | 'VITE_SANDBOX_DISCOVERY_URL'
  | 'VITE_SANDBOX_CLIENT_ID'
  | 'VITE_EVO_AUDIENCE';
type RawEnv = Partial<Record<EnvVariable, string | undefined>>;

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Checks every `VITE_*` setting. A bad value is reported with its name and a fix, so the app can
 * show a screen that says what to change in `.env` instead of failing somewhere later.
 */
export function readEnv(raw: RawEnv): EnvResult {
  const problems: EnvProblem[] = [];

  const url = (variable: EnvVariable, fallback: string | undefined, example: string) => {
    const value = clean(raw[variable]);
    if (value === undefined) return fallback;
    const checked = checkServiceUrl(value);
    if (checked.ok) return checked.url;
    problems.push({
      variable,
      problem: `${variable} ${checked.reason}.`,
      fix: `Set ${variable} in .env to a URL such as ${example}, or remove the line to use the default.`,
    });
    return fallback;
  };

  const environment = clean(raw.VITE_ENVIRONMENT) ?? 'sandbox';
  if (!isEnvironmentId(environment)) {
    problems.push({
      variable: 'VITE_ENVIRONMENT',
      problem: `VITE_ENVIRONMENT is "${environment}", which is not an environment this app knows.`,
      fix: 'Set VITE_ENVIRONMENT in .env to sandbox, ims, ims-qa or custom.',
    });
  }
  const sandboxAuthority = url('VITE_SANDBOX_AUTHORITY', 'http://127.0.0.1:3001', 'http://127.0.0.1:3001');
  const sandboxDiscoveryUrl = url('VITE_SANDBOX_DISCOVERY_URL', 'http://127.0.0.1:3002', 'http://127.0.0.1:3002');
  const discoveryUrl = url('VITE_DISCOVERY_URL', undefined, EVO_DISCOVERY_URL);
  const customAuthority = url('VITE_AUTHORITY', undefined, IMS_AUTHORITY);
  if (
    environment === 'custom' &&
    customAuthority === undefined &&
    !problems.some((p) => p.variable === 'VITE_AUTHORITY')
  ) {
    problems.push({
      variable: 'VITE_AUTHORITY',
      problem: 'VITE_ENVIRONMENT is custom, but VITE_AUTHORITY is not set.',
      fix: 'Set VITE_AUTHORITY in .env to the issuer URL of your identity provider (it serves /.well-known/openid-configuration).',
    });
  }
  const clientId = clean(raw.VITE_CLIENT_ID) ?? '';
  const sandboxClientId = clean(raw.VITE_SANDBOX_CLIENT_ID) ?? 'evo-sandbox-spa';
  for (const [variable, value] of [
    ['VITE_CLIENT_ID', clientId],
    ['VITE_SANDBOX_CLIENT_ID', sandboxClientId],
  ] as const) {
    if (/\s/.test(value)) {
      problems.push({
        variable,
        problem: `${variable} contains spaces; a client ID never does.`,
        fix: `Copy the client ID again from the Seequent Developer Portal into ${variable} in .env.`,
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    env: {
      defaultEnvironment: environment as EnvironmentId,
      customAuthority: customAuthority ?? '',
      evoAudience: clean(raw.VITE_EVO_AUDIENCE),
      presets: environmentPresets({
        sandboxAuthority: sandboxAuthority!,
        sandboxDiscoveryUrl: sandboxDiscoveryUrl!,
        sandboxClientId,
        clientId,
        discoveryUrl,
      }),
    },
  };
}

/** The environment of this build. */
export const appEnv: EnvResult = readEnv(import.meta.env);
