/**
 * The per-node concurrency limit (issue 5 item 3): at most `limit` executions run at once; the rest
 * wait, PENDING, and start in the order they asked for a slot (first come, first served).
 */

/** One execution's place: waiting in line, holding a slot, or done. */
export class SlotTicket {
  private state: 'waiting' | 'held' | 'released' = 'waiting';
  private grant!: () => void;
  /** Resolves once the ticket holds a slot. */
  readonly ready: Promise<void>;

  constructor(private readonly slots: Slots) {
    this.ready = new Promise((resolve) => (this.grant = resolve));
  }

  /** True while the ticket still waits in line. */
  get waiting(): boolean {
    return this.state === 'waiting';
  }

  /** Gives the slot back, or leaves the line if it was still waiting. Idempotent. */
  release(): void {
    const was = this.state;
    this.state = 'released';
    if (was === 'held') this.slots.freed();
    else if (was === 'waiting') this.slots.leave(this);
  }

  /** @internal called by Slots when the ticket gets its slot. */
  hold(): void {
    this.state = 'held';
    this.grant();
  }
}

export class Slots {
  private held = 0;
  private readonly line: SlotTicket[] = [];

  constructor(readonly limit: number) {}

  /** A ticket in line behind every earlier one; it holds a slot at once when one is free and nobody waits. */
  reserve(): SlotTicket {
    const ticket = new SlotTicket(this);
    if (this.held < this.limit && this.line.length === 0) {
      this.held++;
      ticket.hold();
    } else {
      this.line.push(ticket);
    }
    return ticket;
  }

  /** Executions holding a slot now. */
  get running(): number {
    return this.held;
  }

  /** Executions waiting for a slot now. */
  get queued(): number {
    return this.line.length;
  }

  /** @internal */
  freed(): void {
    this.held--;
    this.admit();
  }

  /** @internal */
  leave(ticket: SlotTicket): void {
    const at = this.line.indexOf(ticket);
    if (at >= 0) this.line.splice(at, 1);
  }

  private admit(): void {
    while (this.held < this.limit && this.line.length > 0) {
      this.held++;
      this.line.shift()!.hold();
    }
  }
}
