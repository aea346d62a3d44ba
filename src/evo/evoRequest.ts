/**
 * The Discovery address of a Discovery base URL. The request itself goes through the door
 * (src/http/); this file stays for cli/, which imports `discoveryEndpoint` from here until it
 * imports the catalogue (src/config/catalogue.ts) directly.
 */
export { discoveryEndpoint } from '../config/catalogue.ts';
