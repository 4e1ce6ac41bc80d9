// Page lifecycle: flush when the page is hidden or unloading, resume after a
// back/forward-cache restore (timers were frozen while the page sat in the cache).
export interface LifecycleHooks {
  onHide(): void;
  onResume(): void;
}

export function watchLifecycle({ onHide, onResume }: LifecycleHooks): void {
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') onHide();
  });
  addEventListener('pagehide', onHide);
  addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) onResume();
  });
}
