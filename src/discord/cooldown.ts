/** At most `limit` uses per `windowMs` per user: a sliding window. */
export class Cooldown {
  private readonly uses = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a use; returns 0 when allowed, else the milliseconds until the next one is. */
  take(user: string): number {
    const t = this.now();
    const recent = (this.uses.get(user) ?? []).filter((u) => t - u < this.windowMs);
    if (recent.length >= this.limit) {
      this.uses.set(user, recent);
      return this.windowMs - (t - recent[0]);
    }
    recent.push(t);
    this.uses.set(user, recent);
    return 0;
  }
}
