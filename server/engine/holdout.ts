// Holdouts: a deterministic share of users kept from seeing a campaign (or every campaign), so
// its effect can be measured against people like them who saw nothing. The same visitor always
// lands in the same bucket for the same campaign, on every server, without storing anything.

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over UTF-16 code units, continuing from `h`. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * 32-bit FNV-1a over the parts joined by ":", finished with murmur3's avalanche so similar ids
 * spread. Hashing the parts in turn gives the hash of the joined text without building it: a
 * decision hashes every campaign with the visitor.
 */
function hash32(first: string, second: string): number {
  let h = fnv(FNV_OFFSET, first);
  h ^= 0x3a; // ":"
  h = Math.imul(h, 0x01000193);
  h = fnv(h, second);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Where a visitor falls for one campaign: 0 ≤ bucket < 100, in steps of 0.01. */
export function holdoutBucket(campaignId: string, visitorId: string): number {
  return (hash32(campaignId, visitorId) % 10_000) / 100;
}

/** Where a visitor falls for the workspace-wide holdout (independent of any campaign). */
export function globalHoldoutBucket(visitorId: string): number {
  return (hash32('global-holdout', visitorId) % 10_000) / 100;
}

/** Held out when the bucket is below the share: 20% holds out buckets 0–19.99. */
export const isHeldOut = (bucket: number, percent: number): boolean => bucket < percent;
