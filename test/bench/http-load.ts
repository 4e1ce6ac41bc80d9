// A small HTTP/1.1 load generator for the decide bench: keep-alive connections, each with its
// own sequence of prebuilt requests (autocannon rebuilds a request for every dynamic body, which
// made the load generator, not the server, the bottleneck). Optionally paced to a total rate.
import { connect, type Socket } from 'node:net';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

export interface LoadOptions {
  port: number;
  connections: number;
  seconds: number;
  /** Request `i` of connection `c`: method, path and optional body. */
  request: (connection: number, i: number) => { method: 'GET' | 'POST'; path: string; body?: string };
  /** Total requests per second to pace at; unpaced when absent. */
  rate?: number;
}

function encode({ method, path, body }: ReturnType<LoadOptions['request']>): Buffer {
  const head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n`;
  if (!body) return Buffer.from(`${head}\r\n`);
  return Buffer.from(`${head}Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Resolves once with each complete response's status; responses carry Content-Length. */
function responses(socket: Socket, onResponse: (status: number) => void) {
  let buffer: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      buffer = buffer.subarray(end + 4 + length);
      onResponse(Number(head.slice(9, 12)));
    }
  });
}

export async function load({ port, connections, seconds, request, rate }: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let bad = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  // Paced: each connection sends at its share of the rate, on a fixed schedule (latency is
  // measured from when a request was due, so a stalled server shows up in the percentiles).
  const interval = rate ? (1000 * connections) / rate : 0;
  await Promise.all(
    Array.from({ length: connections }, (_, c) =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        socket.setNoDelay(true);
        let i = 0;
        let due = started + (interval * c) / connections;
        let sentAt = 0;
        const send = () => {
          if (performance.now() >= until) return void socket.end(resolve);
          sentAt = interval ? Math.max(due, performance.now()) : performance.now();
          const write = () => socket.write(encode(request(c, i++)));
          const wait = sentAt - performance.now();
          if (wait > 0) setTimeout(write, wait);
          else write();
        };
        responses(socket, (status) => {
          latencies.push(performance.now() - (interval ? due : sentAt));
          if (status < 200 || status >= 300) bad++;
          due += interval;
          send();
        });
        socket.once('error', reject);
        socket.once('connect', send);
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), bad };
}
