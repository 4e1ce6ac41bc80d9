// An account's health: a coloured dot (never colour alone: the word is there for everyone) and the score.
import type { AccountRow } from '../api.ts';
import { formatDecimal } from '../format.ts';

export function HealthBadge({ health }: { health: AccountRow['health'] }) {
  const colour = health.colour ?? 'unknown';
  return (
    <span class="health num">
      <span class={`dot health-${colour}`} role="img" aria-label={colour} />
      {health.score === null ? '—' : formatDecimal(health.score)}
    </span>
  );
}
