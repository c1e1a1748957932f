import type { PiiKind } from '../../core/submission.js';

/** One stretch of an answer that looks like personal information (offsets only, never the text). */
export interface Found {
  kind: PiiKind;
  start: number;
  end: number;
}
