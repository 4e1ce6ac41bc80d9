// Clock-skew correction: a device whose clock is wrong still reports when things happened
// relative to when it sent them, so we trust the difference, not the absolute time.
export function correctTimestamp(timestamp: string, sentAt: string | undefined, receivedAt: string): string {
  if (!sentAt) return new Date(timestamp).toISOString();
  const offset = Date.parse(sentAt) - Date.parse(timestamp);
  return new Date(Date.parse(receivedAt) - offset).toISOString();
}
