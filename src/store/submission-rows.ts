import type { PiiHint } from '../core/submission.js';

/**
 * The `submissions` row as both drivers return it, and the conversions every reader needs. PGlite and
 * pg differ in how they hand back timestamps (Date or text) and jsonb (object or text), so readers go
 * through these instead of trusting one driver's shape.
 */
export interface SubmissionRow {
  id: string;
  receipt: string;
  flow_id: string;
  flow_version: number;
  organization: string | null;
  respondent_type: string;
  language: string;
  channel: string;
  submitted_at: unknown;
  pii_hints: unknown;
}

export function toIso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

export function toPiiHints(value: unknown): PiiHint[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as PiiHint[]) : [];
}
