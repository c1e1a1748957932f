/**
 * Addresses of a submission's pages. Ids are percent-encoded (the router decodes them), so every id the
 * store holds — "<hex>.1" after a cancelled draft, or anything older — has a working link.
 */
export function submissionHref(id: string, suffix = ''): string {
  return `/moderate/submissions/${encodeURIComponent(id)}${suffix}`;
}
