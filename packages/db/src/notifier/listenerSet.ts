/** Listeners by channel; shared by both notifiers. */
export class ListenerSet {
  private readonly byChannel = new Map<string, Set<(payload: string) => void>>();

  /** Adds a listener; true when it is the channel's first. */
  add(channel: string, listener: (payload: string) => void): boolean {
    const set = this.byChannel.get(channel);
    if (set) {
      set.add(listener);
      return false;
    }
    this.byChannel.set(channel, new Set([listener]));
    return true;
  }

  /** Removes a listener; true when the channel has none left. */
  remove(channel: string, listener: (payload: string) => void): boolean {
    const set = this.byChannel.get(channel);
    if (!set?.delete(listener)) return false;
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  /** A snapshot: listeners added or removed during delivery do not disturb it. */
  get(channel: string): Array<(payload: string) => void> {
    return [...(this.byChannel.get(channel) ?? [])];
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  has(channel: string): boolean {
    return this.byChannel.has(channel);
  }
}
