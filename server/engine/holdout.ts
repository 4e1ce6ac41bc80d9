// Holdouts: a deterministic share of users kept from seeing a campaign (or every campaign), so
// its effect can be measured against people like them who saw nothing. The same visitor always
// lands in the same bucket for the same campaign, on every server, without storing anything.

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's avalanche so similar ids spread. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Where a visitor falls for one campaign: 0 ≤ bucket < 100, in steps of 0.01. */
export function holdoutBucket(campaignId: string, visitorId: string): number {
  return (hash32(`${campaignId}:${visitorId}`) % 10_000) / 100;
}

/** Where a visitor falls for the workspace-wide holdout (independent of any campaign). */
export function globalHoldoutBucket(visitorId: string): number {
  return (hash32(`global-holdout:${visitorId}`) % 10_000) / 100;
}

/** Held out when the bucket is below the share: 20% holds out buckets 0–19.99. */
export const isHeldOut = (bucket: number, percent: number): boolean => bucket < percent;
