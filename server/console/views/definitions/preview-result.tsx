// What saving a definition would change, before it is saved: accounts by health colour, accounts
// and users by journey stage, accounts per seat/tenure cell, users per certification level,
// accounts each alert rule finds (current → proposed), and the accounts that would move.
import type { Preview } from '../../api.ts';
import { formatNumber, humanize } from '../../format.ts';

export type PreviewPart = 'health' | 'stages' | 'tiers' | 'certifications' | 'alerts';

function Delta({ from, to }: { from: number; to: number }) {
  const diff = to - from;
  return (
    <>
      {formatNumber(from)} → <strong>{formatNumber(to)}</strong>
      {diff !== 0 && <span class={`delta ${diff > 0 ? 'up' : 'down'}`}> ({diff > 0 ? '+' : '−'}{formatNumber(Math.abs(diff))})</span>}
    </>
  );
}

function CountsTable({ caption, current, proposed, order, names }: { caption: string; current: Record<string, number>; proposed: Record<string, number>; order?: readonly string[]; names?: Record<string, string> }) {
  const present = [...new Set([...Object.keys(current), ...Object.keys(proposed)])].sort();
  // Listed order first (e.g. a journey's stages), then anything else the server counted.
  const keys = order ? [...order, ...present.filter((k) => !order.includes(k))] : present;
  return (
    <table class="preview-table">
      <caption>{caption}</caption>
      <tbody>
        {keys.map((k) => (
          <tr key={k} class={(current[k] ?? 0) !== (proposed[k] ?? 0) ? 'changed' : undefined}>
            <th scope="row">{names?.[k] ?? (k.includes('/') ? k : humanize(k))}</th>
            <td class="num">
              <Delta from={current[k] ?? 0} to={proposed[k] ?? 0} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const describe = (from: Record<string, unknown>, to: Record<string, unknown>) =>
  (['healthColour', 'stage', 'seatTier', 'tenureTier'] as const)
    .filter((k) => from[k] !== to[k])
    .map((k) => `${humanize(k)}: ${String(from[k] ?? '—')} → ${String(to[k] ?? '—')}`)
    .join('; ');

/** `stages`: the edited journey's stages in order, to list them that way and by name. */
export function PreviewResult({ preview, parts, journey, stages }: { preview: Preview; parts: readonly PreviewPart[]; journey?: string; stages?: readonly { key: string; name: string }[] }) {
  const order = stages?.map((s) => s.key);
  const names = stages && Object.fromEntries(stages.map((s) => [s.key, s.name || s.key]));
  const { current, proposed } = preview;
  const journeys = journey ? [journey] : [...new Set([...Object.keys(current.stages), ...Object.keys(proposed.stages)])];
  return (
    <section class="preview" aria-labelledby="preview-title" aria-live="polite">
      <h3 id="preview-title">
        If you save: {formatNumber(preview.accountsChanged)} {preview.accountsChanged === 1 ? 'account changes' : 'accounts change'}
      </h3>
      <div class="preview-grid">
        {parts.includes('health') && <CountsTable caption="Accounts by health" current={current.health} proposed={proposed.health} order={['green', 'yellow', 'red', 'unknown']} />}
        {parts.includes('stages') &&
          journeys.map((j) => (
            <div key={j} class="preview-pair">
              <CountsTable caption={`Accounts by stage (${j})`} current={current.stages[j] ?? {}} proposed={proposed.stages[j] ?? {}} {...(order ? { order, names: names! } : {})} />
              <CountsTable caption={`Users by stage (${j})`} current={current.userStages[j] ?? {}} proposed={proposed.userStages[j] ?? {}} {...(order ? { order, names: names! } : {})} />
            </div>
          ))}
        {parts.includes('tiers') && <CountsTable caption="Accounts by seat/tenure tier" current={current.tiers} proposed={proposed.tiers} />}
        {parts.includes('certifications') &&
          [...new Set([...Object.keys(current.certifications), ...Object.keys(proposed.certifications)])].map((p) => (
            <CountsTable key={p} caption={`Users by level (${p})`} current={current.certifications[p] ?? {}} proposed={proposed.certifications[p] ?? {}} />
          ))}
        {parts.includes('alerts') && <CountsTable caption="Accounts each alert rule finds" current={current.alerts} proposed={proposed.alerts} />}
      </div>
      {preview.changes.length > 0 && (
        <details open={preview.changes.length <= 10}>
          <summary>
            Accounts that change{preview.accountsChanged > preview.changes.length ? ` (first ${preview.changes.length})` : ''}
          </summary>
          <ul class="changes">
            {preview.changes.map((c) => (
              <li key={c.accountId}>
                <a href={`#/accounts/${encodeURIComponent(c.accountId)}`}>{c.name}</a> <span class="muted">{describe(c.from, c.to)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
