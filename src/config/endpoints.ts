/**
 * The Evo endpoints the lab knows, as path templates under a hub (or the Discovery host): one
 * list for the console's request templates and the Postman, Bruno and `.http` exports. Pure data,
 * safe in a browser and in Node.
 */
import { DISCOVERY_PATH } from './catalogue.ts';

export interface EndpointTemplate {
  label: string;
  base: 'discovery' | 'hub';
  /** The path and query, with `{org_id}` and `{workspace_id}` where the request needs them. */
  path: string;
  /** The scope the call needs (Discovery's own, or an API's); none for a health check. */
  scope?: string;
}

export const ENDPOINT_TEMPLATES: readonly EndpointTemplate[] = [
  { label: 'Discovery', base: 'discovery', path: `${DISCOVERY_PATH}?service=evo`, scope: 'evo.discovery' },
  {
    label: 'Workspaces: list',
    base: 'hub',
    path: '/workspace/orgs/{org_id}/workspaces?limit=20&offset=0',
    scope: 'evo.workspace',
  },
  {
    label: 'Workspaces: one workspace',
    base: 'hub',
    path: '/workspace/orgs/{org_id}/workspaces/{workspace_id}',
    scope: 'evo.workspace',
  },
  {
    label: 'Workspaces: your role',
    base: 'hub',
    path: '/workspace/orgs/{org_id}/workspaces/{workspace_id}/current-user-role',
    scope: 'evo.workspace',
  },
  {
    label: 'Workspaces: summary',
    base: 'hub',
    path: '/workspace/orgs/{org_id}/workspaces/summary',
    scope: 'evo.workspace',
  },
  {
    label: 'Geoscience Objects: list',
    base: 'hub',
    path: '/geoscience-object/orgs/{org_id}/workspaces/{workspace_id}/objects?limit=20&offset=0',
    scope: 'evo.object',
  },
  {
    label: 'Files: list',
    base: 'hub',
    path: '/file/v2/orgs/{org_id}/workspaces/{workspace_id}/files?limit=20&offset=0',
    scope: 'evo.file',
  },
  {
    label: 'Block Models: list',
    base: 'hub',
    path: '/blockmodel/orgs/{org_id}/workspaces/{workspace_id}/block-models?limit=20&offset=0',
    scope: 'evo.blocksync',
  },
  {
    label: 'Workspaces: users',
    base: 'hub',
    path: '/workspace/orgs/{org_id}/workspaces/{workspace_id}/users',
    scope: 'evo.workspace',
  },
  ...(['workspace', 'geoscience-object', 'file', 'blockmodel'] as const).map((service): EndpointTemplate => ({
    label: `Health: ${service}`,
    base: 'hub',
    path: `/${service}/health_check?full=true&check_dependencies=true`,
  })),
];

/** A path template with `{org_id}` and `{workspace_id}` filled in where the values are known. */
export function fillTemplate(path: string, values: { org_id?: string; workspace_id?: string }): string {
  return path.replace(/\{(org_id|workspace_id)\}/g, (whole, name: 'org_id' | 'workspace_id') =>
    values[name] ? encodeURIComponent(values[name]) : whole,
  );
}
