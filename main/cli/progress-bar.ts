/** The terminal progress bar `brain-atlas fetch` draws on stderr while it downloads. */

function mb(bytes: number, decimals: number): string {
  return (bytes / (1024 * 1024)).toFixed(decimals);
}

/**
 * A one-line progress bar for a terminal: `[##########--------------------]  33%  1.2 / 3.6 MB`. Plain ASCII so it
 * renders on every console; clamps out-of-range input.
 */
export function formatProgressBar(received: number, total: number, width = 30): string {
  const w = Math.max(1, Math.floor(width));
  const r = Math.max(0, Number.isFinite(received) ? received : 0);
  const t = Math.max(0, Number.isFinite(total) ? total : 0);
  const fraction = t > 0 ? Math.min(1, r / t) : r > 0 || t === 0 ? 1 : 0;
  const filled = Math.floor(fraction * w);
  const percent = Math.floor(fraction * 100);
  const decimals = t >= 10 * 1024 * 1024 ? 1 : 2;
  return `[${'#'.repeat(filled)}${'-'.repeat(w - filled)}] ${String(percent).padStart(3)}%  ${mb(Math.min(r, t || r), decimals)} / ${mb(t, decimals)} MB`;
}
