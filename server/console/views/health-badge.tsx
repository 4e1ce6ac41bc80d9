// An account's health: a coloured dot (never colour alone: the word is there for everyone) and the score.
import type { AccountRow } from '../api.ts';
import { formatDecimal } from '../format.ts';

export function HealthBadge({ health }: { health: AccountRow['health'] }) {
  const colour = health.colour ?? 'unknown';
  return (
    <span class="health">
      <span class={`dot health-${colour}`} aria-hidden="true" />
      <span class="sr-only">{colour}</span>
      <span class="num">{health.score === null ? '—' : formatDecimal(health.score)}</span>
    </span>
  );
}
