// Environment → typed configuration, validated once at start.
import { z } from 'zod';

const envSchema = z.object({
  /** TCP port the server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Interface to bind; 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** A SQLite file path (default) or a postgres:// URL. */
  DATABASE_URL: z.string().min(1).default('./data/uptake.db'),
  /** Public base URL of this server, used in printed links and the embed snippet. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /**
   * How many reverse proxies stand in front of the server ("true" = one). Set, the console's
   * sign-in limit counts the client's address from X-Forwarded-For; unset (default), the
   * connection's address, and the header is never believed (clients could write anything in it).
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'expected "true" (one proxy) or the number of proxies in front of the server, e.g. 2')
    .optional()
    .transform((v) => (v === undefined || v === 'false' ? 0 : v === 'true' ? 1 : Number(v))),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  publicUrl: string;
  /** TRUST_PROXY: proxies whose X-Forwarded-For entries are believed; 0 believes none. */
  trustedProxyHops: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const { PORT, HOST, DATABASE_URL, PUBLIC_URL, TRUST_PROXY } = parsed.data;
  const isPostgres = /^postgres(ql)?:\/\//.test(DATABASE_URL);
  return {
    port: PORT,
    host: HOST,
    database: isPostgres ? { kind: 'postgres', url: DATABASE_URL } : { kind: 'sqlite', file: DATABASE_URL.replace(/^(sqlite|file):/, '') },
    publicUrl: (PUBLIC_URL ?? `http://localhost:${PORT}`).replace(/\/$/, ''),
    trustedProxyHops: TRUST_PROXY,
  };
}
