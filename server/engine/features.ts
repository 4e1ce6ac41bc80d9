// Which features an event counts as a use of.
import type { TrackedEvent } from '../protocol/events.ts';
import { FEATURE_USED_EVENT, type FeatureInput } from '../protocol/feature.ts';

export function featuresUsedBy(event: TrackedEvent, features: readonly Pick<FeatureInput, 'key' | 'rule'>[]): string[] {
  if (event.type !== 'track') return [];
  // A no-code rule matched in the browser: it names the feature; trust only no-code features.
  const named = event.event === FEATURE_USED_EVENT ? event.properties['feature'] : undefined;
  const keys: string[] = [];
  for (const { key, rule } of features) {
    if (rule.type === 'event' ? rule.event === event.event : named === key) keys.push(key);
  }
  return keys;
}
