// Lift of a campaign: conversion among exposed users against held-out users, with 95%
// confidence intervals from the normal approximation for two independent proportions.
//   absolute lift  p₁ − p₂, Wald interval: (p₁ − p₂) ± z·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂)
//   relative lift  p₁/p₂ − 1, interval on the log of the ratio (Katz):
//                  exp(ln(p₁/p₂) ± z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)) − 1
// Both are approximations that need a few conversions in each group; with none, the interval
// is not given (null) rather than a misleading one.

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

export function lift(exposed: Group, heldOut: Group): Lift {
  const none: Interval = { estimate: null, low: null, high: null };
  if (!exposed.users || !heldOut.users) return { absolute: none, relative: none, significant: false };
  const [x1, n1, x2, n2] = [exposed.converted, exposed.users, heldOut.converted, heldOut.users];
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const absolute: Interval = se > 0 ? { estimate: diff, low: diff - Z_95 * se, high: diff + Z_95 * se } : { estimate: diff, low: null, high: null };
  let relative: Interval = { estimate: p2 > 0 ? p1 / p2 - 1 : null, low: null, high: null };
  if (x1 > 0 && x2 > 0) {
    const logRatio = Math.log(p1 / p2);
    const seLog = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
    relative = { estimate: p1 / p2 - 1, low: Math.exp(logRatio - Z_95 * seLog) - 1, high: Math.exp(logRatio + Z_95 * seLog) - 1 };
  }
  const significant = absolute.low !== null && absolute.high !== null && (absolute.low > 0 || absolute.high < 0);
  return { absolute, relative, significant };
}
