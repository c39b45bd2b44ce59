// A set of numbers with O(1) add, delete and uniform random pick (for the live simulator).

export class IndexedSet {
  private readonly items: number[] = [];
  private readonly index = new Map<number, number>();

  get size(): number {
    return this.items.length;
  }

  has(value: number): boolean {
    return this.index.has(value);
  }

  add(value: number): void {
    if (this.index.has(value)) return;
    this.index.set(value, this.items.length);
    this.items.push(value);
  }

  delete(value: number): void {
    const at = this.index.get(value);
    if (at === undefined) return;
    const last = this.items.pop() as number;
    if (last !== value) {
      this.items[at] = last;
      this.index.set(last, at);
    }
    this.index.delete(value);
  }

  /** Element at a position in [0, size); positions are not stable across deletes. */
  at(position: number): number | undefined {
    return this.items[position];
  }
}
