// The one lifecycle every UI piece follows (after hls.js's controllers):
//   constructor(deps)  — build DOM, keep references, call registerListeners()
//   registerListeners() / unregisterListeners() — every listener added in one place
//   onXxx handlers     — arrow-function properties so they can be removed by reference
//   destroy()          — unregister everything, dispose children, remove DOM; idempotent
export interface Component {
  readonly el: HTMLElement;
  destroy(): void;
}

/** Track DOM listeners so destroy() can remove them all. */
export class ListenerGroup {
  private readonly removers: Array<() => void> = [];

  add<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (e: HTMLElementEventMap[K]) => void): void;
  add(target: EventTarget, type: string, handler: EventListener): void;
  add(target: EventTarget, type: string, handler: EventListener): void {
    target.addEventListener(type, handler);
    this.removers.push(() => target.removeEventListener(type, handler));
  }

  removeAll(): void {
    for (const remove of this.removers.splice(0)) remove();
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(child);
  }
  return el;
}
