// Clock-skew correction: a device whose clock is wrong still reports when things happened
// relative to when it sent them, so we trust the difference, not the absolute time.

/** When the event happened by the server's clock, in epoch milliseconds. */
export function correctedTime(timestamp: string, sentAt: string | undefined, receivedAtMs: number): number {
  if (!sentAt) return Date.parse(timestamp);
  return receivedAtMs - (Date.parse(sentAt) - Date.parse(timestamp));
}
