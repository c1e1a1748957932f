import type { SqlQueryable } from '../../store/sql-client.js';
import type { Stats } from '../repository.js';

export async function readStats(db: SqlQueryable): Promise<Stats> {
  const [total, flagged, awaiting, byDay, byQuestion, byType, byChannel, byFlag, byCommittee] = await Promise.all([
    db.query<{ n: unknown }>('SELECT count(*) AS n FROM submissions'),
    db.query<{ n: unknown }>(`SELECT count(DISTINCT submission_id) AS n FROM submission_flags WHERE flag IN ('pii-suspected', 'quarantined')`),
    db.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM submission_flags f WHERE f.flag = 'pii-suspected' AND NOT EXISTS
         (SELECT 1 FROM submission_flags g WHERE g.submission_id = f.submission_id AND g.flag IN ('cleared', 'quarantined'))`,
    ),
    db.query<{ day: string; n: unknown }>(
      `SELECT to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n FROM submissions GROUP BY 1 ORDER BY 1`,
    ),
    db.query<{ idx: unknown; n: unknown }>(
      `SELECT question_index AS idx, count(*) AS n FROM submission_answers WHERE answer IS NOT NULL AND answer <> '' GROUP BY 1 ORDER BY 1`,
    ),
    db.query<{ k: string; n: unknown }>('SELECT respondent_type AS k, count(*) AS n FROM submissions GROUP BY 1 ORDER BY 2 DESC, 1'),
    db.query<{ k: string; n: unknown }>('SELECT channel AS k, count(*) AS n FROM submissions GROUP BY 1 ORDER BY 2 DESC, 1'),
    db.query<{ k: string; n: unknown }>('SELECT flag AS k, count(*) AS n FROM submission_flags GROUP BY 1 ORDER BY 1'),
    db.query<{ k: string; n: unknown }>(
      `SELECT c.id AS k, count(sc.submission_id) AS n FROM committees c
         LEFT JOIN submission_committees sc ON sc.committee_id = c.id GROUP BY c.id, c.position ORDER BY c.position`,
    ),
  ]);
  return {
    total: Number(total.rows[0]?.n ?? 0),
    flagged: Number(flagged.rows[0]?.n ?? 0),
    awaitingReview: Number(awaiting.rows[0]?.n ?? 0),
    byDay: byDay.rows.map((r) => ({ day: r.day, count: Number(r.n) })),
    byQuestion: byQuestion.rows.map((r) => ({ index: Number(r.idx), count: Number(r.n) })),
    byRespondentType: byType.rows.map((r) => ({ respondentType: r.k, count: Number(r.n) })),
    byChannel: byChannel.rows.map((r) => ({ channel: r.k, count: Number(r.n) })),
    byFlag: byFlag.rows.map((r) => ({ flag: r.k, count: Number(r.n) })),
    byCommittee: byCommittee.rows.map((r) => ({ committee: r.k, count: Number(r.n) })),
  };
}
