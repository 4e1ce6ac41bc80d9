// Who is asking, for limits kept per address (console sign-in). Behind a reverse proxy every
// connection comes from the proxy, so all users would share one limit; each proxy appends the
// address it saw to X-Forwarded-For, which makes the client the `trustedHops`-th entry from the
// right. Entries further left were written by the client itself and are never believed.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The client's address. `trustedHops` is how many reverse proxies stand in front of the server
 * (TRUST_PROXY); with 0, X-Forwarded-For is ignored and the connection's peer is the client.
 * `unknown` when there is no socket (app.request() in tests).
 */
export function clientAddress(c: Context, trustedHops: number): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  // Nearest first: the peer, then what each proxy saw, ending with what the client claims.
  const chain = [peer, ...forwarded.reverse()];
  // A shorter chain than configured means fewer proxies on this path: the farthest known hop.
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}
