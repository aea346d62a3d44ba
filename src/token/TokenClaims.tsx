import { useNow } from '../ui/useNow.ts';
import { claimMeaning, headerMeaning } from './claimGlossary.ts';
import { ClaimsTable } from './ClaimsTable.tsx';
import type { DecodedAccessToken } from './decodeAccessToken.ts';

/** Every header parameter and claim of a JWT access token, each with its meaning. */
export function TokenClaims({ decoded }: { decoded: DecodedAccessToken & { kind: 'jwt' } }) {
  const now = useNow(30_000);
  return (
    <section className="card" aria-labelledby="claims-heading">
      <h2 id="claims-heading">Inside the token</h2>
      <p className="muted">
        Decoded in your browser, not verified: anyone can read a JWT; only its issuer&apos;s key can vouch for it.
      </p>
      <ClaimsTable caption="Header" values={decoded.header} glossary={headerMeaning} now={now} />
      <ClaimsTable caption="Claims" values={decoded.claims} glossary={claimMeaning} now={now} />
    </section>
  );
}
