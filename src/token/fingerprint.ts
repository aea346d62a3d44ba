/**
 * A short, one-way fingerprint of a token (FNV-1a, 64 bits as hex) that tells tokens apart in
 * cache keys without putting the token, or anything it could be recovered from, in them.
 */
export function tokenFingerprint(token: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < token.length; i++) {
    hash ^= BigInt(token.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
