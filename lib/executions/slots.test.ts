import { describe, expect, it } from 'vitest';
import { Slots } from './slots';

/** `count` tickets, and the order in which they get their slot. */
async function grantOrder(slots: Slots, count: number) {
  const order: number[] = [];
  const tickets = Array.from({ length: count }, () => slots.reserve());
  tickets.forEach((t, i) => void t.ready.then(() => order.push(i)));
  await Promise.resolve();
  return { order, tickets };
}

describe('Slots: the per-node concurrency limit', () => {
  it('grants up to the limit at once and queues the rest', async () => {
    const slots = new Slots(2);
    const { order } = await grantOrder(slots, 5);
    expect(order).toEqual([0, 1]);
    expect([slots.running, slots.queued]).toEqual([2, 3]);
  });

  it('starts queued tickets in the order they asked as slots free up', async () => {
    const slots = new Slots(2);
    const { order, tickets } = await grantOrder(slots, 5);
    tickets[1].release();
    await Promise.resolve();
    tickets[0].release();
    await Promise.resolve();
    expect(order).toEqual([0, 1, 2, 3]);
    tickets[3].release();
    await Promise.resolve();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect([slots.running, slots.queued]).toEqual([2, 0]);
  });

  it('lets a waiting ticket leave the line without taking a slot', async () => {
    const slots = new Slots(1);
    const { order, tickets } = await grantOrder(slots, 3);
    tickets[1].release();
    expect(tickets[1].waiting).toBe(false);
    tickets[0].release();
    tickets[0].release(); // idempotent: frees one slot only
    await Promise.resolve();
    expect(order).toEqual([0, 2]);
    expect([slots.running, slots.queued]).toEqual([1, 0]);
  });

  it('does not let a newcomer overtake the line when a slot frees', async () => {
    const slots = new Slots(1);
    const first = slots.reserve();
    const waiting = slots.reserve();
    first.release();
    const late = slots.reserve();
    expect(waiting.waiting).toBe(false);
    expect(late.waiting).toBe(true);
  });
});
