// Loads data for a view and tracks loading / error / data, re-running when `deps` change.
// While it reloads, the previous data stays on screen (marked refreshing) instead of flickering.
import { useEffect, useState } from 'preact/hooks';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; data: T; refreshing: boolean };

export function useResource<T>(load: () => Promise<T>, deps: unknown[]): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' }));
    load().then(
      (data) => current && setState({ status: 'ready', data, refreshing: false }),
      (error: Error) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
