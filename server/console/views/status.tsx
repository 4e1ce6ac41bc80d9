// Loading and error states shared by every panel.
import type { ComponentChildren } from 'preact';
import type { Resource } from '../use-resource.ts';

export function Loaded<T>({ resource, retry, children }: { resource: Resource<T>; retry: () => void; children: (data: T) => ComponentChildren }) {
  if (resource.status === 'loading') return <p class="muted">Loading…</p>;
  if (resource.status === 'error') {
    return (
      <p class="error" role="alert">
        Could not load: {resource.message}{' '}
        <button class="link" onClick={retry}>
          Try again
        </button>
      </p>
    );
  }
  return <>{children(resource.data)}</>;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
export const formatNumber = (n: number) => n.toLocaleString();
