import { createHash } from 'node:crypto';

/**
 * Crockford base32: no I, L, O or U, so a receipt read aloud over the phone or copied by hand is not
 * mistaken (0/O, 1/I/L look alike).
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The receipt number of a draft, e.g. "RFI-7K3M-9QPX". Deterministic (sha256 of the draft id), so a retried
 * or double-clicked submit shows the same number and the store can check it. 40 bits (8 characters) is
 * about a trillion values: collisions are negligible for one docket, and it stays short enough to read.
 */
export function receiptFor(draftId: string): string {
  const digest = createHash('sha256').update(draftId, 'utf8').digest();
  let bits = 0n;
  for (let i = 0; i < 5; i += 1) bits = (bits << 8n) | BigInt(digest[i] ?? 0);
  let code = '';
  for (let shift = 35n; shift >= 0n; shift -= 5n) code += CROCKFORD[Number((bits >> shift) & 31n)];
  return `RFI-${code.slice(0, 4)}-${code.slice(4)}`;
}
