/**
 * Near-duplicate detection for the "possible duplicate of RFI-…" hint (pure: no I/O, no clock).
 *
 * Text → lower-cased words (letters and digits, accents kept) → overlapping 3-word shingles → a MinHash
 * signature of SIGNATURE_SIZE 32-bit minima. Two signatures agree in a share of positions that estimates
 * the Jaccard similarity of the two shingle sets. For lookup the signature is cut into BANDS bands of
 * ROWS_PER_BAND values (locality-sensitive hashing): texts that share a band bucket are candidates, and a
 * candidate is a possible duplicate when its estimated similarity is at least DUPLICATE_THRESHOLD.
 * With 16 × 4, pairs at 0.8 similarity share a band with probability ≈ 0.9997, pairs at 0.3 ≈ 0.12.
 *
 * Why not Postgres trigram similarity: pg_trgm ships with PGlite 0.5.17 only as an extension to load at
 * construction, and on Postgres it needs CREATE EXTENSION (per database, by a privileged role), which
 * managed databases and the shared test database do not allow everywhere. This runs the same on both.
 *
 * Linear in the text's length: one pass to split words (no backtracking pattern), one hash per shingle.
 */
export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
export const DUPLICATE_THRESHOLD = 0.8;
/** Shorter texts ("Yes.", "No comment") are left out: identical short answers are not duplicates. */
export const MIN_WORDS = 8;
export const MAX_WORDS = 20_000;
const SHINGLE_WORDS = 3;

/** Seeds of the hash family, fixed so signatures stored years apart stay comparable. Never change them. */
const SEEDS: readonly number[] = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

export interface Signature {
  /** SIGNATURE_SIZE unsigned 32-bit values. */
  values: Uint32Array;
}

/** Words of `text`: maximal runs of letters, marks and digits, lower-cased. One pass: a single
 * character class repeated cannot backtrack. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** The signature of `text`, or null when it has fewer than MIN_WORDS words. Only the first MAX_WORDS
 * words count (far more than any comment box holds), so hostile input costs a bounded amount of work. */
export function signatureOf(text: string): Signature | null {
  const list = words(text).slice(0, MAX_WORDS);
  if (list.length < MIN_WORDS) return null;
  const wordHashes = list.map(hashString);
  // Distinct shingles only: a text repeating itself costs one hash family pass per distinct shingle.
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= wordHashes.length; i += 1) {
    let h = 0;
    for (let j = 0; j < SHINGLE_WORDS; j += 1) h = mix32(Math.imul(h, 0x9e3779b1) ^ (wordHashes[i + j] as number));
    shingles.add(h);
  }
  const values = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let k = 0; k < SIGNATURE_SIZE; k += 1) {
      const h = mix32(shingle ^ (SEEDS[k] as number));
      if (h < (values[k] as number)) values[k] = h;
    }
  }
  return { values };
}

/** Estimated Jaccard similarity of the two texts' shingle sets, 0…1. */
export function similarity(a: Signature, b: Signature): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k += 1) if (a.values[k] === b.values[k]) same += 1;
  return same / SIGNATURE_SIZE;
}

/** The LSH buckets of a signature: one `{ band, bucket }` per band. */
export function bandsOf(signature: Signature): Array<{ band: number; bucket: string }> {
  const hex = encodeSignature(signature);
  return Array.from({ length: BANDS }, (_, band) => ({ band, bucket: hex.slice(band * ROWS_PER_BAND * 8, (band + 1) * ROWS_PER_BAND * 8) }));
}

/** 8 hex digits per value, SIGNATURE_SIZE × 8 characters: plain text, read the same by both drivers. */
export function encodeSignature(signature: Signature): string {
  return Array.from(signature.values, (v) => v.toString(16).padStart(8, '0')).join('');
}

export function decodeSignature(text: string): Signature | null {
  if (text.length !== SIGNATURE_SIZE * 8 || !/^[0-9a-f]+$/.test(text)) return null;
  const values = new Uint32Array(SIGNATURE_SIZE);
  for (let k = 0; k < SIGNATURE_SIZE; k += 1) values[k] = Number.parseInt(text.slice(k * 8, k * 8 + 8), 16);
  return { values };
}

/** FNV-1a over UTF-16 code units, then mixed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
