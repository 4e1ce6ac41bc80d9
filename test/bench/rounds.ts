// This machine's speed drifts by ±20 % within a minute, so a baseline measured once and a
// subject measured a few seconds later can be read against different machines. Runs alternate
// (baseline, subject, baseline, subject…) and the median run of each is reported.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Measured {
  rps: number;
  p99: number;
}

/** Runs each measurement `ROUNDS` times, interleaved, and returns each one's median run by `key`. */
export async function rounds<const R extends readonly (() => Promise<Measured>)[]>(
  runs: R,
  key: keyof Measured = 'rps',
): Promise<{ [K in keyof R]: Awaited<ReturnType<R[K]>> }> {
  const results: Measured[][] = runs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, run] of runs.entries()) results[i]!.push(await run());
  }
  return results.map((list) => [...list].sort((a, b) => a[key] - b[key])[Math.floor(list.length / 2)]!) as { [K in keyof R]: Awaited<ReturnType<R[K]>> };
}

export const ROUND_COUNT = ROUNDS;
