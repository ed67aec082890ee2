// A small typed event bus, after hls.js src/events.ts: an enum of event names plus one interface
// mapping each event to its listener signature, so `emit` and `on` are checked at compile time.
// The source handler publishes on it (core/player-events.ts); the watch page and the player
// component listen.

export type Listener<Args extends unknown[]> = (...args: Args) => void;

export class EventBus<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      (listener as (...a: Parameters<Events[E]>) => void)(...args);
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
