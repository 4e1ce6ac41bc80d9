// Which features an event counts as a use of.
import type { TrackedEvent } from '../protocol/events.ts';
import type { FeatureInput } from '../protocol/feature.ts';

export function featuresUsedBy(event: TrackedEvent, features: readonly Pick<FeatureInput, 'key' | 'rule'>[]): string[] {
  if (event.type !== 'track') return [];
  const keys: string[] = [];
  for (const feature of features) {
    if (feature.rule.type === 'event' && feature.rule.event === event.event) keys.push(feature.key);
  }
  return keys;
}
