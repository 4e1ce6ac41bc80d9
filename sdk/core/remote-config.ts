// Fetches the workspace's no-code feature rules and privacy settings.
import type { SdkConfig } from '../../server/protocol/feature.ts';
import { warnOnce } from './log.ts';

export async function fetchConfig(host: string, writeKey: string): Promise<SdkConfig | null> {
  try {
    const response = await fetch(`${host}/v1/config?writeKey=${encodeURIComponent(writeKey)}`, { credentials: 'omit' });
    if (response.ok) return (await response.json()) as SdkConfig;
    warnOnce(`config:${response.status}`, `could not load the workspace configuration (HTTP ${response.status}); check the write key in uptake.init()`);
  } catch {
    // Offline: track without no-code rules for this page view.
  }
  return null;
}
