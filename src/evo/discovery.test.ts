import { describe, expect, it } from 'vitest';
import { discoveryEndpoint, joinDiscovery, type DiscoveryResponse } from './discovery.ts';

const real: DiscoveryResponse = {
  discovery: {
    organizations: [
      { id: 'org-b', display_name: 'beta Mining' },
      { id: 'org-a', display_name: 'Alpha Exploration' },
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
      { org_id: 'org-a', hub_code: 'au', services: ['geoscienceobject', 'blockmodel', 'file'] },
      { org_id: 'org-b', hub_code: 'us', services: ['file'] },
    ],
  },
};

describe('joinDiscovery', () => {
  it('joins organisations, hubs and service access, sorted by name whatever the case', () => {
    const instances = joinDiscovery(real);
    expect(instances.map((i) => i.name)).toEqual(['Alpha Exploration', 'beta Mining']);
    expect(instances[0]).toEqual({
      id: 'org-a',
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
          { id: 'a', display_name: 'No hub' },
          { id: 'b', display_name: 'Unknown hub' },
        ],
        hubs: [],
        service_access: [{ org_id: 'b', hub_code: 'eu', services: ['file'] }],
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
        service_access: [{ org_id: 'ghost', hub_code: 'au', services: [] }],
      },
    });
    expect(instances).toHaveLength(1);
    expect(instances[0]!.notes[0]).toMatch(/does not list it/);
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
