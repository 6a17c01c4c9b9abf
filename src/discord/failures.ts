import { randomBytes } from 'node:crypto';
import type { BotContext } from './context.js';

/**
 * A handler's failure: the user gets a short message with an error id (through `reply`), the log gets the
 * details, token scrubbed. Resolves with the error id.
 */
export async function reportFailure(ctx: Pick<BotContext, 'log' | 'config'>, where: string, err: unknown, reply: (text: string) => Promise<unknown>): Promise<string> {
  const id = randomBytes(4).toString('hex');
  const token = ctx.config.DISCORD_TOKEN;
  ctx.log.error({ errorId: id, where, err: redact(err, token) }, 'handler failed');
  await reply(`Sorry, something went wrong (error ${id}).`).catch((e) => ctx.log.warn({ errorId: id, err: redact(e, token) }, 'could not report the error'));
  return id;
}

/** An error with the token scrubbed from its message and stack. */
export function redact(err: unknown, token: string | undefined): unknown {
  if (!token) return err;
  const scrub = (s: string) => s.split(token).join('[token]');
  if (err instanceof Error) {
    const copy = new Error(scrub(err.message));
    copy.name = err.name;
    copy.stack = err.stack ? scrub(err.stack) : undefined;
    return copy;
  }
  return typeof err === 'string' ? scrub(err) : err;
}
