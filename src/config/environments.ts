/** The identity environments a person can choose. */
export const ENVIRONMENT_IDS = ['sandbox', 'ims', 'ims-qa', 'custom'] as const;
export type EnvironmentId = (typeof ENVIRONMENT_IDS)[number];

export function isEnvironmentId(value: string): value is EnvironmentId {
  return (ENVIRONMENT_IDS as readonly string[]).includes(value);
}

/** A named environment: its identity provider and the Evo Discovery service that goes with it. */
export interface EnvironmentPreset {
  id: EnvironmentId;
  label: string;
  description: string;
  /** Fixed authority; `undefined` for `custom`, where the person types it. */
  authority: string | undefined;
  discoveryUrl: string;
  /** The client ID to start from, when the environment has a well-known one. */
  clientId: string;
}

import { EVO_DISCOVERY_URL, IMS_AUTHORITY, IMS_QA_AUTHORITY } from './catalogue.ts';

export { EVO_DISCOVERY_URL };

/** The `aud` the sandbox's Evo twin expects (sandbox/ims/tokenShape.ts EVO_AUDIENCE). */
export const SANDBOX_EVO_AUDIENCE = 'evo';

export interface PresetInputs {
  sandboxAuthority: string;
  sandboxDiscoveryUrl: string;
  sandboxClientId: string;
  clientId: string;
  discoveryUrl: string | undefined;
}

/** The presets, with the local sandbox's addresses and the deployment's client ID filled in. */
export function environmentPresets(inputs: PresetInputs): Record<EnvironmentId, EnvironmentPreset> {
  const discoveryUrl = inputs.discoveryUrl ?? EVO_DISCOVERY_URL;
  return {
    sandbox: {
      id: 'sandbox',
      label: 'Local sandbox',
      description: 'The IMS and Evo twins this project runs on your machine. No Bentley account needed.',
      authority: inputs.sandboxAuthority,
      discoveryUrl: inputs.sandboxDiscoveryUrl,
      clientId: inputs.sandboxClientId,
    },
    ims: {
      id: 'ims',
      label: 'Bentley IMS',
      description: `Production sign-in (${IMS_AUTHORITY}) with your own Evo app registration.`,
      authority: IMS_AUTHORITY,
      discoveryUrl,
      clientId: inputs.clientId,
    },
    'ims-qa': {
      id: 'ims-qa',
      label: 'Bentley IMS QA',
      description: `Bentley's QA sign-in (${IMS_QA_AUTHORITY}), for registrations made there.`,
      authority: IMS_QA_AUTHORITY,
      discoveryUrl,
      clientId: inputs.clientId,
    },
    custom: {
      id: 'custom',
      label: 'Custom',
      description: 'Any OpenID provider that issues JWT access tokens, at an authority you enter.',
      authority: undefined,
      discoveryUrl,
      clientId: inputs.clientId,
    },
  };
}
