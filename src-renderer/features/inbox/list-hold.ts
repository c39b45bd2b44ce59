// The rules that keep the inbox list still under the agent's eyes and pointer. Pure functions over
// the rows the renderer has read; the list component applies them (use-list-hold.ts).

/** One page of the list as it answered: the case ids from `offset` on, and when it was read. */
export interface LoadedPage {
  offset: number;
  ids: readonly number[];
  updatedAt: number;
}

/**
 * The rows of one list the renderer holds, by position and by case id. While a refetch is under
 * way one page may be newer than its neighbour and a case can sit in both: the newer page wins.
 */
export class LoadedRows {
  private readonly idByIndex = new Map<number, number>();
  private readonly indexById = new Map<number, number>();

  constructor(pages: readonly LoadedPage[]) {
    const byAge = [...pages].sort((a, b) => a.updatedAt - b.updatedAt);
    for (const page of byAge) {
      page.ids.forEach((id, i) => {
        this.idByIndex.set(page.offset + i, id);
        this.indexById.set(id, page.offset + i);
      });
    }
  }

  static readonly EMPTY = new LoadedRows([]);

  idAt(index: number): number | undefined {
    return this.idByIndex.get(index);
  }

  indexOf(id: number): number | undefined {
    return this.indexById.get(id);
  }
}

/** What the agent is doing with the list right now. */
export interface ListAttention {
  /** The list is scrolled to its very top. */
  atTop: boolean;
  pointerOver: boolean;
  /** A button is down on a row: the click has not completed. */
  pressing: boolean;
  /** The agent moves through the rows with j/k or the arrow keys. */
  keyboardNavigation: boolean;
  /** Two or more rows are selected: a bulk selection is being built or used. */
  multiSelection: boolean;
}

/**
 * Whether the rows in view stay where they are when cases arrive or move above them. Only a list
 * at its very top that the agent is not touching, navigating or selecting in shows arrivals as
 * they come (as a mail client does); otherwise they wait above the rows in view, counted in the
 * "new cases" bar.
 */
export function keepsRowsInPlace(attention: ListAttention): boolean {
  return !attention.atTop || attention.pointerOver || attention.pressing || attention.keyboardNavigation || attention.multiSelection;
}

/** A case at a position in the list as the agent last saw it. */
export interface RowAt {
  id: number;
  index: number;
}

/**
 * How many rows the list has moved down (negative: up) under the rows the agent is watching:
 * the first of `watched` (most important first: the pressed row, the row under the pointer, the
 * focused row, then the rows in view) that is still listed, from its old position to its new one.
 * 0 when none of them is listed any more.
 */
export function anchorShift(watched: readonly RowAt[], now: LoadedRows): number {
  for (const row of watched) {
    const index = now.indexOf(row.id);
    if (index !== undefined) return index - row.index;
  }
  return 0;
}

/**
 * How many cases now stand above everything the agent saw at the top of the list (the ids in
 * view the last time the list was at its top): those that arrived, or moved up, since. 0 when
 * none of those cases is listed any more.
 */
export function newAboveCount(topSeen: readonly number[], now: LoadedRows): number {
  let boundary: number | undefined;
  for (const id of topSeen) {
    const index = now.indexOf(id);
    if (index !== undefined && (boundary === undefined || index < boundary)) boundary = index;
  }
  return boundary ?? 0;
}

/**
 * A Shift+click range: the ids from the anchor's row to the target's row as the list shows them
 * now (both included, in list order; rows not read yet are left out). Without an anchor, or with
 * an anchor no longer in the list, just the target.
 */
export function rangeIds(now: LoadedRows, anchorId: number | null, targetId: number): number[] {
  const to = now.indexOf(targetId);
  const from = anchorId === null ? undefined : now.indexOf(anchorId);
  if (to === undefined || from === undefined) return [targetId];
  const ids: number[] = [];
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const id = now.idAt(i);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** The rows between two pixel offsets of a list of fixed-height rows (first and last index, inclusive). */
export function rowsInView(scrollTop: number, height: number, rowHeight: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  const last = Math.max(first, Math.floor((scrollTop + Math.max(0, height) - 1) / rowHeight));
  return { first, last };
}
