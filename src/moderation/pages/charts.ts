import { html, join, type SafeHtml } from './html.js';

/**
 * Server-rendered SVG charts (no script, CSP-safe). Every chart also has a data table next to it (the
 * numbers, not colour, carry the meaning) and an accessible title. Pure.
 */
export interface Bar {
  label: string;
  value: number;
  /** Where the bar leads (the list filtered to what it counts); the data table links the same. */
  href?: string;
}

export function barChart(title: string, bars: readonly Bar[]): SafeHtml {
  const rowHeightPx = 26;
  const labelWidthPx = 230;
  const barMaxPx = 320;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeightPx + 4;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeightPx + 2;
    const w = Math.round((bar.value / max) * barMaxPx);
    const shapes = html`<text x="0" y="${y + 17}" class="chart-label">${truncate(bar.label, 34)}</text> <rect x="${labelWidthPx}" y="${y + 4}" width="${w}" height="${rowHeightPx - 10}" class="chart-bar"></rect> <text x="${labelWidthPx + w + 6}" y="${y + 17}" class="chart-value">${bar.value}</text>`;
    // A link's name is its visible text (label, then count; the spaces keep them apart), as WCAG 2.5.3 asks.
    return bar.href ? html`<a href="${bar.href}"><g>${shapes}</g></a>` : html`<g>${shapes}</g>`;
  });
  // Linked bars are links (role group keeps them reachable); an unlinked chart is one image.
  const role = bars.some((b) => b.href) ? 'group' : 'img';
  return html`<svg role="${role}" aria-label="${title}" viewBox="0 0 ${labelWidthPx + barMaxPx + 60} ${height}" class="chart"><title>${title}</title>${join(rows)}</svg>`;
}

export interface Point {
  day: string;
  value: number;
}

/** Cumulative submissions per day (a line, and a dot per day so a single day still shows), with a vertical line at the deadline. */
export function timeChart(title: string, points: readonly Point[], deadlineDay: string, deadlineLabel: string): SafeHtml {
  const widthPx = 600;
  const heightPx = 200;
  const pad = 30;
  const days = [...new Set([...points.map((p) => p.day), deadlineDay])].sort();
  const first = Date.parse(`${days[0] ?? deadlineDay}T00:00:00Z`);
  const last = Math.max(first + 86_400_000, Date.parse(`${days[days.length - 1] ?? deadlineDay}T00:00:00Z`));
  let running = 0;
  const cumulative = points.map((p) => ({ day: p.day, value: (running += p.value) }));
  const max = Math.max(1, running);
  const x = (day: string) => pad + ((Date.parse(`${day}T00:00:00Z`) - first) / (last - first)) * (widthPx - 2 * pad);
  const y = (value: number) => heightPx - pad - (value / max) * (heightPx - 2 * pad);
  const path = cumulative.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const dx = x(deadlineDay).toFixed(1);
  return html`<svg role="img" aria-label="${title}" viewBox="0 0 ${widthPx} ${heightPx}" class="chart"><title>${title}</title>
<line x1="${pad}" y1="${heightPx - pad}" x2="${widthPx - pad}" y2="${heightPx - pad}" class="chart-axis"></line>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${heightPx - pad}" class="chart-axis"></line>
<text x="${pad}" y="${heightPx - 8}" class="chart-label">${days[0] ?? ''}</text>
<text x="${pad - 4}" y="${pad}" class="chart-label" text-anchor="end">${max}</text>
${cumulative.length > 0 ? html`<path d="${path}" class="chart-line"></path>` : ''}
${cumulative.map((p) => html`<circle cx="${x(p.day).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" class="chart-point"></circle>`)}
<line x1="${dx}" y1="${pad}" x2="${dx}" y2="${heightPx - pad}" class="chart-deadline"></line>
<text x="${dx}" y="${pad - 6}" class="chart-label" text-anchor="end">${deadlineLabel} ${deadlineDay}</text>
</svg>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
