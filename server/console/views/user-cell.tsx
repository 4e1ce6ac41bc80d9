// A person in a table's first column: their name linking to their page, and under it their id
// (when the name stands in for it) and any other detail, such as an email.
import { href } from '../state/route.ts';

export function UserCell({ userId, name, detail }: { userId: string; name: string | null; detail?: string | null }) {
  const below = [name ? userId : null, detail].filter(Boolean).join(' · ');
  return (
    <th scope="row">
      <a href={href(['users', userId])}>{name ?? userId}</a>
      {below && <div class="muted small">{below}</div>}
    </th>
  );
}
