// A real HTTP server on 127.0.0.1 standing in for a customer's webhook endpoint. It records every
// request; `answer` decides each reply: a status code, or 'hang' to never reply at all.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Requests left hanging whose connection is still open. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startReceiver(answer: (request: ReceivedRequest, index: number) => Answer = () => 200): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  let open = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(request);
      const reply = answer(request, received.length - 1);
      if (reply === 'hang') {
        open++;
        res.on('close', () => open--);
        return;
      }
      res.writeHead(reply, { 'content-type': 'text/plain' }).end(reply < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/uptake`,
    received,
    get open() {
      return open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The distinct X-Uptake-Event-Id values received, with how often each came. */
export function countByEventId(received: ReceivedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { headers } of received) {
    const id = String(headers['x-uptake-event-id']);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
