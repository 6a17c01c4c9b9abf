import type { Client, SendableChannels } from 'discord.js';
import { describeLetter } from '../answer/describe.js';
import type { UpdateEvent } from '../service/letter-service.js';
import type { BotContext } from './context.js';
import { redact } from './failures.js';
import { inert, plain } from './render.js';

export interface Announcer {
  /** Stops announcing (shutdown); resolves when the announcement being sent, if any, is done. */
  stop(): Promise<void>;
}

/**
 * Announces new and changed letters in ANNOUNCE_CHANNEL_ID ("New letter: Sender → Recipient, date · `id`"), after
 * whichever index update indexed them: the watcher's, /reindex or /add-letter. What counts is what the index holds
 * beyond the letters known at the last look (id → content hash), so a full rebuild, whose report counts every
 * letter as added, announces nothing, and a letter that another update picked up first is still announced, once.
 * During a first build every letter is new: announcements start once it is done (`service.ready`), with the
 * letters it indexed as the known ones.
 */
export function startAnnouncer(ctx: BotContext, client: Client): Announcer {
  let known: Map<string, string> | null = null;
  let stopped = false;
  const sending = new Set<Promise<void>>();
  void ctx.service.ready.then(() => {
    if (!stopped) known = ctx.service.holdings();
  });

  const announce = async (): Promise<void> => {
    const before = known;
    if (!before) return;
    const now = ctx.service.holdings();
    const added = [...now.keys()].filter((id) => !before.has(id));
    const changed = [...now].filter(([id, hash]) => before.has(id) && before.get(id) !== hash).map(([id]) => id);
    known = now;
    if (!ctx.config.ANNOUNCE_CHANNEL_ID || !(added.length || changed.length)) return;
    const channel = await client.channels.fetch(ctx.config.ANNOUNCE_CHANNEL_ID);
    if (!channel?.isSendable()) return;
    const lines = [...added.map((id) => ['New letter', id] as const), ...changed.map((id) => ['Updated letter', id] as const)].map(([what, id]) => {
      const l = ctx.service.letter(id);
      return `${what}: ${inert(l ? describeLetter(l.meta).replace(' to ', ' → ') : id)} · \`${id}\``;
    });
    await (channel as SendableChannels).send(plain(lines.join('\n')));
  };

  const unobserve = ctx.service.observeUpdates((event: UpdateEvent) => {
    if (stopped || event.phase !== 'finished') return;
    const sent: Promise<void> = announce()
      .catch((err) => ctx.log.error({ err: redact(err, ctx.config.DISCORD_TOKEN) }, 'could not announce the new letters'))
      .finally(() => sending.delete(sent));
    sending.add(sent);
  });

  return {
    async stop() {
      stopped = true;
      unobserve();
      await Promise.all(sending);
    },
  };
}
