// Lift of a campaign: conversion among exposed users against held-out users, with 95%
// confidence intervals for two independent proportions.
//   absolute lift  p₁ − p₂, Newcombe's hybrid score interval (1998, method 10), built from each
//                  group's Wilson score interval [lᵢ, uᵢ]:
//                  p₁ − p₂ − √((p₁ − l₁)² + (u₂ − p₂)²)  to  p₁ − p₂ + √((u₁ − p₁)² + (p₂ − l₂)²)
//                  Unlike the textbook p₁ − p₂ ± z·√(…) it stays honest with small groups and
//                  rates of 0 or 1: one held-out account that did not convert has a held-out
//                  rate anywhere from 0 to 79 %, not exactly 0, and proves nothing.
//   relative lift  p₁/p₂ − 1, interval on the log of the ratio (Katz):
//                  exp(ln(p₁/p₂) ± z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)) − 1
//                  It needs conversions in both groups; without, it is not given (null).

/** Two-sided 95%: the 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export interface Group {
  users: number;
  converted: number;
  /** converted / users, or null with no users. */
  rate: number | null;
}

export interface Interval {
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export interface Lift {
  absolute: Interval;
  relative: Interval;
  /** The absolute interval excludes zero. */
  significant: boolean;
}

export const group = (users: number, converted: number): Group => ({ users, converted, rate: users ? converted / users : null });

/** Wilson's score interval for x successes out of n (n > 0). */
export function wilson(x: number, n: number): [low: number, high: number] {
  const p = x / n;
  const z2 = Z_95 * Z_95;
  const centre = 2 * n * p + z2;
  const spread = Z_95 * Math.sqrt(z2 + 4 * n * p * (1 - p));
  const scale = 2 * (n + z2);
  // Clamped: at x = 0 or x = n rounding could put a bound a hair outside [0, 1].
  return [Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale)];
}

export function lift(exposed: Group, heldOut: Group): Lift {
  const none: Interval = { estimate: null, low: null, high: null };
  if (!exposed.users || !heldOut.users) return { absolute: none, relative: none, significant: false };
  const [x1, n1, x2, n2] = [exposed.converted, exposed.users, heldOut.converted, heldOut.users];
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const absolute: Interval = { estimate: diff, low: diff - Math.hypot(p1 - l1, u2 - p2), high: diff + Math.hypot(u1 - p1, p2 - l2) };
  let relative: Interval = { estimate: p2 > 0 ? p1 / p2 - 1 : null, low: null, high: null };
  if (x1 > 0 && x2 > 0) {
    const logRatio = Math.log(p1 / p2);
    const seLog = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
    relative = { estimate: p1 / p2 - 1, low: Math.exp(logRatio - Z_95 * seLog) - 1, high: Math.exp(logRatio + Z_95 * seLog) - 1 };
  }
  const significant = absolute.low !== null && absolute.high !== null && (absolute.low > 0 || absolute.high < 0);
  return { absolute, relative, significant };
}
