import type {
  AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, ClientEvents, ModalSubmitInteraction, SlashCommandOptionsOnlyBuilder,
  SlashCommandSubcommandsOnlyBuilder, StringSelectMenuInteraction,
} from 'discord.js';
import type { Answer } from '../answer/answer.js';
import type { Conversations, Turn } from '../answer/follow-up.js';
import type { FeedbackLog } from '../feedback/log.js';
import type { ChannelSettings } from './channel-settings.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { LetterService } from '../service/letter-service.js';
import type { Cooldown } from './cooldown.js';
import type { Limiter } from './limiter.js';

/** What command handlers share: the core service and the bot's own state. */
export interface BotContext {
  service: LetterService;
  config: Config;
  lettersDir: string;
  log: Logger;
  cooldown: Cooldown;
  /** Bounds how many questions are being embedded and answered at once. */
  limiter: Limiter;
  /** Short-lived state behind buttons ("More sources", pages), by key. */
  sessions: Sessions;
  /** Per-channel mode (off, mention, all) and reply style (thread, inline). */
  settings: ChannelSettings;
  /** Questions, answers, feedback and errors, for /report (a no-op when FEEDBACK_LOG=off). */
  feedback: FeedbackLog;
  /** The conversations of Epistle's threads, by thread id. */
  conversations: Conversations;
}

/** An answer as its buttons need it: for feedback, "Show letter" and "Follow up in a thread". */
export interface AnsweredQuestion {
  answer: Answer;
  /** The feedback log's id of the answer. */
  answerId: string;
  turn: Turn;
}

/** Buttons, select menus and modals whose custom id starts with `${prefix}:`. */
export interface Component {
  prefix: string;
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
  select?(interaction: StringSelectMenuInteraction, ctx: BotContext): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void>;
}

/** A slash command, as in the discord.js guide: its builder and its handlers. */
export interface Command {
  data: SlashCommandOptionsOnlyBuilder | SlashCommandSubcommandsOnlyBuilder;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom id starts with `${data.name}:`. */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}

/**
 * A gateway event's handler, as in the discord.js guide: one file per event in events/, loaded by bot.ts, which
 * calls `execute` for each `name` event (once only with `once`), ignores events once shutting down, and waits for
 * the handlers in flight when it stops.
 */
export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once?: boolean;
  execute(ctx: BotContext, ...args: ClientEvents[K]): Promise<void> | void;
}

/** A bounded map whose oldest entries go first. */
export class Sessions {
  private readonly map = new Map<string, unknown>();
  private next = 0;
  constructor(private readonly max = 500) {}
  put(value: unknown): string {
    const key = (this.next++).toString(36);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
    return key;
  }
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  /** The newest value that `test` accepts. */
  find<T>(test: (value: unknown) => boolean): T | undefined {
    return [...this.map.values()].reverse().find(test) as T | undefined;
  }
}
