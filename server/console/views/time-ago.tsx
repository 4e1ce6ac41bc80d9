// A moment as "3 days ago", with the full date and time on hover and for machines.
import { formatAgo, formatDateTime } from '../format.ts';

export function TimeAgo({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatAgo(at)}
    </time>
  );
}
