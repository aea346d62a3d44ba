import { describe, expect, it } from 'vitest';
import { compareNames, discoveryEndpoint, joinDiscovery, type DiscoveryResponse } from './discovery.ts';

const A = 'd0ea331e-814e-4e24-a1b8-cd563c5b1d31';
const B = '3c1f6e52-9a0b-4d3e-8f21-6b7c8d9e0a12';
const NO_HUB = '8e2d4a61-5f3b-4c7d-9e18-2a3b4c5d6e7f';
const UNKNOWN_HUB = '8e2d4a61-5f3b-4c7d-9e18-2a3b4c5d6e70';
const GHOST = '00000000-0000-4000-a000-000000000001';

const real: DiscoveryResponse = {
  discovery: {
    organizations: [
      { id: B, display_name: 'beta Mining' },
      { id: A, display_name: 'Alpha Exploration' },
    ],
    hubs: [
      { code: 'au', display_name: 'Australia East', url: 'https://au.api.seequent.com' },
      { code: 'us', display_name: 'US East', url: 'https://us.api.seequent.com' },
    ],
    services: [
      { code: 'geoscienceobject', display_name: 'Geoscience Object' },
      { code: 'blockmodel', display_name: 'Block Model' },
    ],
    service_access: [
      { org_id: A, hub_code: 'au', services: ['geoscienceobject', 'blockmodel', 'file'] },
      { org_id: B, hub_code: 'us', services: ['file'] },
    ],
  },
};

describe('joinDiscovery', () => {
  it('joins organisations, hubs and service access, sorted by name whatever the case', () => {
    const instances = joinDiscovery(real);
    expect(instances.map((i) => i.name)).toEqual(['Alpha Exploration', 'beta Mining']);
    expect(instances[0]).toEqual({
      id: A,
      name: 'Alpha Exploration',
      access: [
        {
          hub: { code: 'au', name: 'Australia East', url: 'https://au.api.seequent.com' },
          services: [
            { code: 'blockmodel', name: 'Block Model' },
            { code: 'file', name: 'file' },
            { code: 'geoscienceobject', name: 'Geoscience Object' },
          ],
        },
      ],
      notes: [],
    });
  });

  it('works without the optional services list, showing service codes', () => {
    const instances = joinDiscovery({ discovery: { ...real.discovery, services: undefined } });
    expect(instances[1]!.access[0]!.services).toEqual([{ code: 'file', name: 'file' }]);
  });

  it('keeps an instance with no hub, and one whose hub is not described, with a note', () => {
    const instances = joinDiscovery({
      discovery: {
        organizations: [
          { id: NO_HUB, display_name: 'No hub' },
          { id: UNKNOWN_HUB, display_name: 'Unknown hub' },
        ],
        hubs: [],
        service_access: [{ org_id: UNKNOWN_HUB, hub_code: 'eu', services: ['file'] }],
      },
    });
    expect(instances.map((i) => [i.name, i.notes.length])).toEqual([
      ['No hub', 1],
      ['Unknown hub', 1],
    ]);
    expect(instances[0]!.notes[0]).toMatch(/no hub/i);
    expect(instances[1]!.access[0]!.hub).toEqual({ code: 'eu', name: 'eu', url: undefined });
  });

  it('shows access granted to an instance that is not listed, rather than dropping it', () => {
    const instances = joinDiscovery({
      discovery: {
        organizations: [],
        hubs: real.discovery.hubs,
        service_access: [{ org_id: GHOST, hub_code: 'au', services: [] }],
      },
    });
    expect(instances).toHaveLength(1);
    expect(instances[0]!.notes[0]).toMatch(/does not list it/);
  });

  it('shows every instance when services and accounts are null, as the SDK allows', () => {
    const instances = joinDiscovery({ discovery: { ...real.discovery, services: null, accounts: null } });
    expect(instances.map((i) => i.name)).toEqual(['Alpha Exploration', 'beta Mining']);
    expect(instances[0]!.access[0]!.services.map((s) => s.name)).toEqual(['blockmodel', 'file', 'geoscienceobject']);
    expect(instances.every((i) => i.notes.length === 0)).toBe(true);
  });

  it('ignores unknown fields anywhere', () => {
    const instances = joinDiscovery({
      discovery: {
        ...real.discovery,
        organizations: real.discovery.organizations.map((org) => ({ ...(org as object), region: 'x', extra: [1] })),
        hubs: real.discovery.hubs.map((hub) => ({ ...(hub as object), status: 'up' })),
      },
    });
    expect(instances.map((i) => [i.name, i.notes])).toEqual([
      ['Alpha Exploration', []],
      ['beta Mining', []],
    ]);
  });

  it('shows one malformed instance as such without hiding the others', () => {
    const instances = joinDiscovery({
      discovery: {
        ...real.discovery,
        organizations: [...real.discovery.organizations, { id: 42, display_name: 'Broken Ltd' }, 'nonsense'],
        service_access: [...real.discovery.service_access, { org_id: B, hub_code: 'au', services: 'file' }],
      },
    });
    expect(instances.map((i) => i.name)).toEqual([
      'Alpha Exploration',
      'beta Mining',
      'Broken Ltd',
      'organizations[3]',
    ]);
    expect(instances[2]!.notes[0]).toMatch(/organizations does not have the documented shape \(id: /);
    expect(instances[3]!.notes[0]).toMatch(/organizations does not have the documented shape/);
    // beta's second, malformed access entry is reported; its good one is still shown.
    expect(instances[1]!.access[0]!.hub.code).toBe('us');
    expect(instances[1]!.notes.join(' ')).toMatch(/service_access does not have the documented shape \(services: /);
  });

  it('is empty for a person with no instances', () => {
    expect(joinDiscovery({ discovery: { organizations: [], hubs: [], service_access: [] } })).toEqual([]);
  });
});

describe('discoveryEndpoint', () => {
  it('appends the v2 path and service=evo, whatever trailing slashes the base has', () => {
    expect(discoveryEndpoint('https://discover.api.seequent.com/')).toBe(
      'https://discover.api.seequent.com/evo/identity/v2/discovery?service=evo',
    );
  });
});

describe('compareNames', () => {
  it('orders names as the language does, ignoring case and accents', () => {
    expect(compareNames('alpha', 'Beta', 'en-US')).toBeLessThan(0);
    expect(compareNames('Émile', 'Eric', 'en-US')).toBeLessThan(0);
    expect(compareNames('Zeta', 'Émile', 'en-US')).toBeGreaterThan(0);
    expect(compareNames('ABC', 'abc', 'en-US')).toBe(0);
    // Danish orders "aa" as "å", after "z".
    expect(compareNames('Aarhus', 'Zealand', 'en-US')).toBeLessThan(0);
    expect(compareNames('Aarhus', 'Zealand', 'da-DK')).toBeGreaterThan(0);
  });
});
