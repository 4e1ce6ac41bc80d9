// One short message after an action ("Saved version 4"), read out by screen readers, gone after a while.
import { signal } from '@preact/signals';

export const notice = signal<string | null>(null);
let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(text: string, ms = 6000): void {
  notice.value = text;
  clearTimeout(timer);
  timer = setTimeout(() => (notice.value = null), ms);
}
