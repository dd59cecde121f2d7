/** A progress bar on stderr: events recorded of those expected, and the rate. Plain lines when not a TTY. */
export class Progress {
  private done = 0;
  private replayed = 0;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private total: number,
    private readonly enabled: boolean,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  advance(recorded: number, replayed: number): void {
    this.done += recorded;
    this.replayed += replayed;
    this.draw(false);
  }

  /** The last line shows what was done (the total was an estimate: absent votes, for one, record nothing). */
  finish(): void {
    this.total = this.done + this.replayed;
    this.draw(true);
  }

  private draw(final: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    const tty = this.out.isTTY === true;
    if (!final && now - this.lastDraw < (tty ? 200 : 2000)) return;
    this.lastDraw = now;
    const seen = this.done + this.replayed;
    const share = this.total > 0 ? Math.min(1, seen / this.total) : 1;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(seen / seconds);
    const width = 30;
    const bar = `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}]`;
    const line = `${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${seen.toLocaleString('en')}/${this.total.toLocaleString('en')} events  ${rate.toLocaleString('en')} events/s` +
      (this.replayed > 0 ? `  (${this.replayed.toLocaleString('en')} already on record)` : '');
    if (tty) this.out.write(`\r${line}${final ? '\n' : ''}`);
    else this.out.write(`${line}\n`);
  }
}
