// Keeping keyboard focus sensible while cards are redrawn, and moving it between cards.
// A redrawn card has new buttons, so focus is put back by order id and button, not by node.

export interface FocusedControl {
  orderId: string;
  /** The focused button's `data-action`, or '' when something else in the card has focus. */
  action: string;
}

/** Where focus is now, if it is inside a card. */
export function focusedControl(): FocusedControl | undefined {
  const active = document.activeElement;
  const card = active?.closest<HTMLElement>('.card');
  if (!active || !card?.dataset.orderId) {
    return undefined;
  }
  return { orderId: card.dataset.orderId, action: active.getAttribute('data-action') ?? '' };
}

/** After an action a button may be gone or disabled: these take over, in order (the next step first). */
const SUCCESSORS: Record<string, string[]> = {
  pick: ['pick', 'pack'],
  pack: ['confirmPack', 'pack'],
  confirmPack: ['pack'],
  cancelPack: ['pack'],
};

function enabledButton(card: HTMLElement, action: string): HTMLButtonElement | undefined {
  const button = card.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  return button && !button.disabled ? button : undefined;
}

/** Focuses `action`'s button in a redrawn card, or the one that takes over from it, or the card. */
export function refocus(card: HTMLElement, action: string): void {
  const candidates = [...(SUCCESSORS[action] ?? [action]), 'toggleDetails'];
  const target = candidates.map((candidate) => enabledButton(card, candidate)).find((button) => button !== undefined);
  (target ?? card).focus();
}

/** The visible cards of the list, in order. */
export function visibleCards(list: HTMLElement): HTMLElement[] {
  return Array.from(list.children).filter((child): child is HTMLElement => child instanceof HTMLElement && !child.hidden);
}

/** Focuses the card's primary button (its next step), else its first enabled button, else the card. */
export function focusCard(card: HTMLElement): void {
  (card.querySelector<HTMLButtonElement>('button.button:not(.secondary):not(:disabled)') ?? card.querySelector<HTMLButtonElement>('button:not(:disabled)') ?? card).focus();
}

/** Moves focus from `active` (in `card`) to the same button of the next or previous visible card. */
export function focusNeighbour(list: HTMLElement, card: HTMLElement, active: Element, step: number): boolean {
  const visible = visibleCards(list);
  const next = visible[visible.indexOf(card) + step];
  if (!next) {
    return false;
  }
  const action = active.getAttribute('data-action');
  const same = action ? enabledButton(next, action) : undefined;
  if (same) {
    same.focus();
  } else {
    focusCard(next);
  }
  return true;
}
