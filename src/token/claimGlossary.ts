/**
 * One-line meanings of the claims IMS and other issuers put in access tokens. A `Map`, not an
 * object: a claim name comes from the token, and `constructor` or `__proto__` must find nothing.
 */
const CLAIM_GLOSSARY: ReadonlyMap<string, string> = new Map(Object.entries({
  iss: 'Issuer: the identity provider that signed the token. APIs only accept their trusted issuer.',
  sub: 'Subject: the stable ID of the person (or, for client credentials, the app) the token is about.',
  aud: 'Audience: the API(s) the token is meant for. An API rejects a token not addressed to it.',
  exp: 'Expires: after this moment the token must be refused.',
  iat: 'Issued at: when the identity provider made the token.',
  nbf: 'Not before: the token must be refused before this moment.',
  jti: 'JWT ID: a unique ID for this token, for logging and replay checks.',
  client_id: 'The app registration (client ID) that obtained the token.',
  azp: 'Authorized party: the client the token was issued to.',
  scope: 'Scopes granted: which APIs and actions the token allows.',
  scp: 'Scopes granted (the "scp" spelling some issuers use).',
  sid: 'Session ID at the identity provider; sign-out ends every token of the session.',
  auth_time: 'When the person last actually signed in (entered credentials).',
  idp: 'The identity provider behind the sign-in (for example a federated company directory).',
  amr: 'How the person authenticated (password, MFA...).',
  acr: 'The assurance level of the authentication.',
  email: 'The email address of the person.',
  name: 'The full name of the person.',
  given_name: 'The given (first) name of the person.',
  family_name: 'The family (last) name of the person.',
  preferred_username: 'The name the person signs in with, usually their email.',
  org: "The ID of the person's Bentley organisation.",
  org_name: "The name of the person's Bentley organisation.",
  usage_country_iso: 'The country the person uses Bentley products in (ISO 3166 code).',
  role: 'Roles the person holds at Bentley.',
  entitlement: 'Bentley product entitlements the person holds.',
  ultimate_site: 'The Bentley "ultimate site" (account) the person belongs to.',
  cnf: 'Confirmation: binds the token to a key (DPoP or mTLS); the token only works with it.',
  typ: 'Token type.',
  tid: 'Tenant ID (Microsoft Entra).',
  oid: 'Object ID of the person (Microsoft Entra).',
  ver: 'Token format version.',
}));

/** Meanings of the JOSE header parameters (a `Map`, for the same reason). */
const HEADER_GLOSSARY: ReadonlyMap<string, string> = new Map(Object.entries({
  alg: 'Signature algorithm. IMS signs with RS256; "none" means unsigned and must never be accepted.',
  typ: 'Media type of the token: "at+jwt" marks an access token (RFC 9068), "JWT" is generic.',
  kid: "Key ID: which of the issuer's published keys (JWKS) signed the token.",
  x5t: 'Thumbprint of the certificate that signed the token.',
  jku: 'URL of a key set; a verifier must not trust it blindly.',
  cty: 'Content type of the payload.',
}));

/** Claims whose values are NumericDate seconds since the epoch. */
export const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time']);

export function claimMeaning(name: string): string {
  return CLAIM_GLOSSARY.get(name) ?? 'Not a claim this app knows; the issuer or API defines what it means.';
}

export function headerMeaning(name: string): string {
  return HEADER_GLOSSARY.get(name) ?? 'A header parameter this app does not know.';
}

/** The order a person reads claims in: what the token is, then when, then who. */
const CLAIM_ORDER = [
  'iss',
  'sub',
  'aud',
  'client_id',
  'azp',
  'scope',
  'scp',
  'iat',
  'nbf',
  'exp',
  'auth_time',
  'jti',
  'sid',
  'idp',
  'amr',
  'acr',
  'name',
  'given_name',
  'family_name',
  'email',
  'preferred_username',
  'org',
  'org_name',
  'usage_country_iso',
  'role',
  'entitlement',
];

/** Claims in reading order; claims this app does not know keep their order, at the end. */
export function orderClaims<T>(claims: Record<string, T>): [string, T][] {
  // Object.entries lists own properties only, `__proto__` included when JSON.parse made one.
  const rank = (name: string) => {
    const index = CLAIM_ORDER.indexOf(name);
    return index === -1 ? CLAIM_ORDER.length : index;
  };
  return Object.entries(claims)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry[0]) - rank(b.entry[0]) || a.index - b.index)
    .map(({ entry }) => entry);
}
