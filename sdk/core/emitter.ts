// uptake.on/off: lets the host page listen to what the SDK does (ready, message shown…).
export type Handler = (payload?: unknown) => void;

export class Emitter {
  private _handlers = new Map<string, Set<Handler>>();

  on(name: string, handler: Handler): void {
    if (typeof handler !== 'function') return;
    let set = this._handlers.get(name);
    if (!set) this._handlers.set(name, (set = new Set()));
    set.add(handler);
  }

  off(name: string, handler: Handler): void {
    this._handlers.get(name)?.delete(handler);
  }

  emit(name: string, payload?: unknown): void {
    for (const handler of this._handlers.get(name) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`[uptake] a "${name}" handler threw:`, error);
      }
    }
  }
}
