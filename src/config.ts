import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MODEL } from './indexing/embedders/models.js';

/** Environment variables Epistle reads; documented in .env.example and README.md. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const withDefault = <T extends z.ZodTypeAny>(schema: T, value: z.input<T>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.default(value as never));

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const positiveInt = z.coerce.number().int('must be a whole number').positive('must be positive');

export const configSchema = z.object({
  LETTERS_DIR: withDefault(z.string(), 'seeds'),
  INDEX_DIR: withDefault(z.string(), 'index'),
  DISCORD_TOKEN: optional(z.string().regex(/^\S+$/, 'must not contain spaces')),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.string().url('must be a URL such as http://127.0.0.1:8080/api')),
  EMBEDDER: withDefault(z.enum(['auto', 'transformers', 'bundled']), 'auto'),
  EMBEDDING_MODEL: withDefault(z.string(), DEFAULT_MODEL),
  EMBEDDING_MODEL_DIR: optional(z.string()),
  /** Where downloaded models are cached; outside node_modules, so `npm ci` keeps them. */
  EMBEDDING_CACHE_DIR: withDefault(z.string(), join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'epistle', 'models')),
  /** Worker threads that embed during index builds (questions stay on the main thread); 0 = all on the main thread. */
  EMBED_WORKERS: withDefault(z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more'), availableParallelism()),
  /** Passage vectors from their sentences' (each text embedded once), or embedded themselves. */
  PASSAGE_VECTORS: withDefault(z.enum(['sentences', 'embedded']), 'sentences'),
  MAX_LETTER_BYTES: withDefault(positiveInt, 20 * 1024 * 1024),
  /** Channels where every message is a question (needs the MessageContent intent). */
  ASK_CHANNEL_IDS: withDefault(
    z.string().transform((s, ctx) => {
      const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = ids.filter((id) => !/^\d{17,20}$/.test(id));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `not Discord channel ids: ${bad.join(', ')}` });
      return ids;
    }),
    '',
  ),
  ANNOUNCE_CHANNEL_ID: optional(snowflake),
  LETTER_EDITOR_ROLE_ID: optional(snowflake),
  /** Questions a user may ask per window, and the window in seconds. */
  ASK_RATE_LIMIT: withDefault(positiveInt, 5),
  ASK_RATE_WINDOW_SECONDS: withDefault(positiveInt, 30),
  /** Questions answered at once; more wait their turn. */
  ANSWER_CONCURRENCY: withDefault(positiveInt, 2),
  /** on: read message content (follow-ups in threads without a mention, `all` channels); needs the privileged intent. */
  MESSAGE_CONTENT_INTENT: withDefault(z.enum(['on', 'off']), 'on'),
  /** Feedback log and per-channel settings. */
  DATA_DIR: withDefault(z.string(), 'data'),
  /** `off`: no feedback log is written. */
  FEEDBACK_LOG: withDefault(z.enum(['on', 'off']), 'on'),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration error:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming every problem. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const keys = Object.keys(configSchema.shape);
  const input = Object.fromEntries(keys.map((k) => [k, env[k]]));
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '?');
    const got = env[key];
    return `${key}: ${issue.message}${got !== undefined ? ` (got ${JSON.stringify(got)})` : ''}`;
  });
  throw new ConfigError(problems);
}
