// A <dialog> shown modal while its component is mounted (focus trapped by the browser, Esc
// closes it), with focus given back to whatever opened it when it goes.
import { useEffect, useRef } from 'preact/hooks';

export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current!;
    if (!element.open) element.showModal?.();
    const opener = document.activeElement as HTMLElement | null;
    return () => opener?.focus?.();
  }, []);
  return dialog;
}
