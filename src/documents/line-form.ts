/**
 * The line-item editor without JavaScript: the whole form posts every line, and the button pressed
 * says what to do. "Add line", "Remove line N", "Find contact" and "Find product" re-render the form with what was
 * typed; "Save" validates and writes.
 */
import { emptyLineDraft, LINE_FIELDS, MAX_LINES, type LineDraft, type LineField } from './lines.js';

export type FormAction =
  | { kind: 'save' }
  | { kind: 'add-line' }
  | { kind: 'remove-line'; index: number }
  | { kind: 'move-line'; index: number; by: -1 | 1 }
  | { kind: 'find-contact' }
  | { kind: 'find-product' };

/** Reads the pressed button (`action`); anything unknown means save, the form's default button. */
export function parseFormAction(body: unknown): FormAction {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).action : undefined;
  if (value === 'add-line') return { kind: 'add-line' };
  if (value === 'find-contact') return { kind: 'find-contact' };
  if (value === 'find-product') return { kind: 'find-product' };
  if (typeof value === 'string') {
    const remove = /^remove-line:(\d{1,3})$/.exec(value);
    if (remove?.[1]) return { kind: 'remove-line', index: Number(remove[1]) };
    const move = /^move-line-(up|down):(\d{1,3})$/.exec(value);
    if (move?.[2]) return { kind: 'move-line', index: Number(move[2]), by: move[1] === 'up' ? -1 : 1 };
  }
  return { kind: 'save' };
}

const LINE_KEY = /^lines\[(\d{1,3})\]\[([a-zA-Z0-9]+)\]$/;
const FIELD_SET = new Set<string>(LINE_FIELDS);

/**
 * The lines of a urlencoded body (`lines[0][description]=…`), in index order, gaps closed. At most
 * MAX_LINES + 1 are read (the extra one lets validation say "too many" instead of silently dropping).
 */
export function readLineDrafts(body: unknown): LineDraft[] {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const byIndex = new Map<number, LineDraft>();
  for (const [key, value] of Object.entries(source)) {
    const match = LINE_KEY.exec(key);
    if (!match?.[1] || !match[2] || !FIELD_SET.has(match[2])) continue;
    const index = Number(match[1]);
    let draft = byIndex.get(index);
    if (!draft) {
      if (byIndex.size > MAX_LINES) continue;
      draft = { ...emptyLineDraft(), quantity: '' };
      byIndex.set(index, draft);
    }
    draft[match[2] as LineField] = typeof value === 'string' ? value : '';
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, draft]) => draft);
}

/** A line the user left entirely empty is ignored on save (a blank row is how the form offers one). */
export function isBlankDraft(draft: LineDraft): boolean {
  return (
    [draft.productId, draft.description, draft.unitPrice, draft.discount, draft.accountCode, draft.taxType, draft.tracking1, draft.tracking2].every(
      (v) => v.trim() === '',
    ) && ['', '1'].includes(draft.quantity.trim())
  );
}

/** Applies "Add line" / "Remove line N" / "Move line N up|down" to the typed lines; the form always keeps at least one row. */
export function applyLineAction(drafts: LineDraft[], action: FormAction, defaults: Partial<LineDraft> = {}): LineDraft[] {
  if (action.kind === 'add-line') return drafts.length >= MAX_LINES ? drafts : [...drafts, { ...emptyLineDraft(), ...defaults }];
  if (action.kind === 'remove-line') {
    const remaining = drafts.filter((_, i) => i !== action.index);
    return remaining.length ? remaining : [{ ...emptyLineDraft(), ...defaults }];
  }
  if (action.kind === 'move-line') {
    const to = action.index + action.by;
    const moving = drafts[action.index];
    const other = drafts[to];
    if (!moving || !other) return drafts;
    const moved = [...drafts];
    moved[to] = moving;
    moved[action.index] = other;
    return moved;
  }
  return drafts;
}
