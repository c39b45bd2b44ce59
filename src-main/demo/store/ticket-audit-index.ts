// Which generated audits belong to which ticket: the audit tables are sorted by time for the
// ticket_events stream, so a per-ticket listing needs an index. Built once, on first use, as
// two typed arrays (CSR layout) to stay small at 100k tickets / 1M+ audits.

export class TicketAuditIndex {
  /** ranks[start[t]] .. ranks[start[t + 1]] are the audit ranks of ticket t, oldest first. */
  private readonly start: Uint32Array;
  private readonly ranks: Uint32Array;

  constructor(auditTicket: Uint32Array, ticketCount: number) {
    const start = new Uint32Array(ticketCount + 2);
    for (const ticketId of auditTicket) start[ticketId + 1] = (start[ticketId + 1] as number) + 1;
    for (let t = 1; t < start.length; t++) start[t] = (start[t] as number) + (start[t - 1] as number);
    const fill = start.slice();
    const ranks = new Uint32Array(auditTicket.length);
    for (let rank = 0; rank < auditTicket.length; rank++) {
      const ticketId = auditTicket[rank] as number;
      ranks[fill[ticketId] as number] = rank;
      fill[ticketId] = (fill[ticketId] as number) + 1;
    }
    this.start = start;
    this.ranks = ranks;
  }

  count(ticketId: number): number {
    if (ticketId < 1 || ticketId + 1 >= this.start.length) return 0;
    return (this.start[ticketId + 1] as number) - (this.start[ticketId] as number);
  }

  /** Rank (position in the ticket_events stream) of the ticket's `index`-th audit. */
  rank(ticketId: number, index: number): number {
    return this.ranks[(this.start[ticketId] as number) + index] as number;
  }
}
