// Loading, empty and error states shared by every panel, so each screen says the same thing the same way.
import type { ComponentChildren } from 'preact';
import type { Resource } from '../use-resource.ts';

export function ErrorNote({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="error-note" role="alert">
      <span>Could not load: {error.message}</span>
      {retry && (
        <button type="button" class="secondary small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

/**
 * Renders `children(data)` once loaded; `isEmpty` and `empty` give the empty state, so a screen
 * with nothing to show explains how to get something there.
 */
export function Loaded<T>(props: {
  resource: Resource<T>;
  retry: () => void;
  children: (data: T) => ComponentChildren;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  loading?: string;
}) {
  const { resource, retry } = props;
  if (resource.status === 'loading') return <Loading {...(props.loading ? { label: props.loading } : {})} />;
  if (resource.status === 'error') return <ErrorNote error={resource.error} retry={retry} />;
  if (props.isEmpty?.(resource.data)) return <Empty>{props.empty}</Empty>;
  return (
    <div class={resource.refreshing ? 'refreshing' : undefined} aria-busy={resource.refreshing}>
      {props.children(resource.data)}
    </div>
  );
}
