/**
 * At most `size` workbook exports at once. Each one holds a database connection and its snapshot while
 * it streams, and about a hundred MiB of review model: without a limit, a handful of slow downloads
 * would empty the connection pool for everyone. Exports beyond the limit wait their turn, first come
 * first served.
 */
export class ExportSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`export slots: ${size} is not a positive whole number`);
  }

  /** Waits for a slot; call the returned function (once; later calls do nothing) to give it back. */
  async acquire(): Promise<() => void> {
    if (this.active < this.size) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.active--;
    };
  }

  /** Exports running and waiting, for logs and tests. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}
