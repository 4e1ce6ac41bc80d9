// The console's only way to the server: a typed client over the admin API.
import type { Campaign } from '../protocol/campaign.ts';
import type { ErrorEnvelope } from '../protocol/errors.ts';
import type { AccountSummary, StoredEvent } from '../store/store.ts';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Install {
  workspace: { id: string; name: string };
  writeKey: string;
  host: string;
  snippet: string;
}

export interface AccountsPage {
  total: number;
  limit: number;
  offset: number;
  accounts: AccountSummary[];
}

export function createClient(secretKey: string, base = '/api/v1') {
  async function get<T>(path: string): Promise<T> {
    const response = await fetch(base + path, { headers: { authorization: `Bearer ${secretKey}` } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (body as ErrorEnvelope | null)?.error;
      throw new ApiFailure(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`);
    }
    return body as T;
  }
  return {
    install: () => get<Install>('/install'),
    campaigns: () => get<{ campaigns: Campaign[] }>('/campaigns'),
    accounts: (offset = 0, limit = 25) => get<AccountsPage>(`/accounts?offset=${offset}&limit=${limit}`),
    events: (limit = 20) => get<{ events: StoredEvent[] }>(`/events?limit=${limit}`),
  };
}

export type Client = ReturnType<typeof createClient>;
