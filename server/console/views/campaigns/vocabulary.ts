// The workspace's own words for the campaign editor's pickers: features, journey stages, tier
// names and certification programs. A part that fails to load leaves its picker as free text.
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';

export interface Choice {
  value: string;
  label: string;
}

export interface Vocabulary {
  features: Choice[];
  stages: Choice[];
  seatTiers: Choice[];
  tenureTiers: Choice[];
  programs: Choice[];
}

const EMPTY: Vocabulary = { features: [], stages: [], seatTiers: [], tenureTiers: [], programs: [] };

async function loadVocabulary(): Promise<Vocabulary> {
  const api = client.value!;
  const quietly = <T>(load: Promise<T>, fallback: T) => load.catch(() => fallback);
  const [features, journeys, tiers, programs] = await Promise.all([
    quietly(api.features.list(), []),
    quietly(api.journeys.list(), []),
    quietly(api.tiers.get(), null),
    quietly(api.certifications.list(), []),
  ]);
  const stages = new Map<string, string>();
  for (const journey of journeys) for (const s of journey.stages) if (!stages.has(s.key)) stages.set(s.key, s.name);
  return {
    features: features.map((f) => ({ value: f.key, label: f.name })),
    stages: [...stages].map(([value, label]) => ({ value, label })),
    seatTiers: (tiers?.seat ?? []).map((t) => ({ value: t.name, label: `${t.name} (${t.min}+ active)` })),
    tenureTiers: (tiers?.tenure ?? []).map((t) => ({ value: t.name, label: `${t.name} (${t.minMonths}+ months)` })),
    programs: programs.map((p) => ({ value: p.key, label: p.name })),
  };
}

/** The vocabulary, empty while it loads. */
export function useVocabulary(): Vocabulary {
  const [resource] = useResource(loadVocabulary, [client.value]);
  return resource.status === 'ready' ? resource.data : EMPTY;
}
