// The accounts table's filters. Every change goes into the URL (see state/accounts.ts).
import { useEffect, useState } from 'preact/hooks';
import type { Overview, TierMatrix } from '../../api.ts';

import { accountFilters, activeFilterCount, clearAccountFilters, type ListFilter, updateAccountFilters } from '../../state/accounts.ts';

function Toggles({ name, label, options }: { name: ListFilter; label: string; options: readonly string[] }) {
  const chosen = accountFilters.value[name];
  const toggle = (value: string) => updateAccountFilters({ [name]: chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value] });
  return (
    <div class="toggles" role="group" aria-label={label}>
      <span class="filter-label">{label}</span>
      {options.map((o) => (
        <button key={o} type="button" class={`chip chip-${o}`} aria-pressed={chosen.includes(o)} onClick={() => toggle(o)}>
          {o}
        </button>
      ))}
    </div>
  );
}

/** One value from a list; a URL that asks for several (from a link) shows them as such. */
function Choice({ name, label, options }: { name: ListFilter; label: string; options: readonly { value: string; label: string }[] }) {
  const chosen = accountFilters.value[name];
  const value = chosen.length > 1 ? '__several' : (chosen[0] ?? '');
  return (
    <label class="filter">
      <span class="filter-label">{label}</span>
      <select value={value} onChange={(e) => updateAccountFilters({ [name]: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value] : [] })}>
        <option value="">any</option>
        {chosen.length > 1 && <option value="__several">{chosen.join(', ')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Search() {
  const current = accountFilters.value.q;
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  useEffect(() => {
    if (text === current) return;
    // Typing replaces the history entry instead of adding one per keystroke.
    const timer = setTimeout(() => updateAccountFilters({ q: text }, { replace: true }), 250);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <label class="filter search">
      <span class="filter-label">Search</span>
      <input type="search" value={text} placeholder="Name or id" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
    </label>
  );
}

/** Stages and journeys come from the overview's funnels, tier names from the matrix; null until loaded. */
export function AccountFilterBar({ overview, tiers }: { overview: Overview | null; tiers: Pick<TierMatrix, 'seat' | 'tenure'> | null }) {
  const stages = new Map<string, string>();
  for (const f of overview?.funnels ?? []) for (const s of f.accounts) if (!stages.has(s.stage)) stages.set(s.stage, s.name);
  return (
    <div class="filters">
      <Search />
      <Toggles name="health" label="Health" options={['green', 'yellow', 'red', 'unknown']} />
      <Toggles name="contact" label="Contact" options={['recent', 'stale']} />
      <Choice name="stage" label="Stage" options={[...stages].map(([value, label]) => ({ value, label }))} />
      {(overview?.funnels.length ?? 0) > 1 && <Choice name="journey" label="Journey" options={overview!.funnels.map((f) => ({ value: f.journey, label: f.name }))} />}
      <Choice name="seatTier" label="Seat tier" options={(tiers?.seat ?? []).filter((s): s is string => s !== null).map((s) => ({ value: s, label: s }))} />
      <Choice name="tenureTier" label="Tenure tier" options={(tiers?.tenure ?? []).map((t) => ({ value: t, label: t }))} />
      {activeFilterCount.value > 0 && (
        <button type="button" class="link" onClick={clearAccountFilters}>
          Clear {activeFilterCount.value === 1 ? 'filter' : `${activeFilterCount.value} filters`}
        </button>
      )}
    </div>
  );
}

