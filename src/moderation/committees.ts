/**
 * The SPOG's five standing committees (docs/rfi/). Same ids as the `committees` table rows
 * inserted by migration 0100_moderation.
 */
export const COMMITTEES = [
  { id: 'research-and-data', name: { en: 'Research and data', es: 'Investigación y datos' } },
  { id: 'grantmaking', name: { en: 'Grantmaking', es: 'Subvenciones' } },
  { id: 'public-awareness-and-outreach', name: { en: 'Public awareness and outreach', es: 'Concienciación y divulgación' } },
  { id: 'victim-services', name: { en: 'Victim services', es: 'Servicios a víctimas' } },
  { id: 'procurement-and-supply-chains', name: { en: 'Procurement and supply chains', es: 'Contratación y cadenas de suministro' } },
] as const;

export const COMMITTEE_IDS: readonly string[] = COMMITTEES.map((c) => c.id);

/** Moderation flags. `pii-suspected` is set by the scanner at submit; moderators set the others. */
export const FLAGS = ['pii-suspected', 'quarantined', 'cleared'] as const;
export type Flag = (typeof FLAGS)[number];

export function isFlag(value: unknown): value is Flag {
  return typeof value === 'string' && (FLAGS as readonly string[]).includes(value);
}
