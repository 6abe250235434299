import { describe, expect, it } from '@jest/globals';
import { ExportSlots } from './export-slots.js';

describe('ExportSlots', () => {
  it('lets `size` exports run, queues the rest in order, and hands each freed slot to the next', async () => {
    const slots = new ExportSlots(2);
    const order: string[] = [];
    const a = await slots.acquire();
    const b = await slots.acquire();
    const c = slots.acquire().then((r) => (order.push('c'), r));
    const d = slots.acquire().then((r) => (order.push('d'), r));
    await Promise.resolve();
    expect(slots.load).toEqual({ active: 2, waiting: 2 });
    expect(order).toEqual([]);
    a();
    a(); // a second release of the same slot changes nothing
    const rc = await c;
    expect(order).toEqual(['c']);
    expect(slots.load).toEqual({ active: 2, waiting: 1 });
    b();
    const rd = await d;
    expect(order).toEqual(['c', 'd']);
    rc();
    rd();
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => new ExportSlots(0)).toThrow(RangeError);
    expect(() => new ExportSlots(1.5)).toThrow(RangeError);
  });
});
