#!/usr/bin/env node
/** The composition root: parses the configuration once and runs one command. */
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, parseConfig, type Config } from './config.js';
import { UsageError } from './commands/errors.js';
import { filterFromArgs, printLetters } from './commands/letters.js';
import { embedderFor, type Context } from './commands/context.js';
import { indexCommand, progressReporter, reportText } from './commands/index-letters.js';
import { printAnswers, checkQuestion } from './commands/ask.js';
import { reportCommand } from './commands/report.js';
import { runConsole } from './console/console.js';
import { LetterService } from './service/letter-service.js';
import { QuestionError } from './answer/answerer.js';

import { IndexLockedError } from './indexing/lock.js';
import { EmbedderMismatchError, IndexError } from './indexing/letter-index.js';
import { BuildStopped, type BuildReport } from './indexing/build.js';
import { EmbedderUnavailableError } from './indexing/embedders/select.js';
import { FilterError } from './search/filters.js';

const USAGE = `Usage:
  npm start                                  the Discord bot (with DISCORD_TOKEN) or the console
  npm run index   -- [--letters DIR] [--index DIR] [--full] [--ocr-again] [--json]
  npm run ask     -- [--letters DIR] [--index DIR] [--json] "question" | --batch FILE
  npm run letters -- [--letters DIR] [--index DIR] [--recipient X] [--sender X] [--from DATE] [--to DATE] [--json]
  npm run report  -- [--since DATE] [--json]
  npm run register
  npm run eval    -- [--json] [--misses dev]`;

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const warn = (s: string) => process.stderr.write(`epistle: ${s}\n`);

function parse<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(argv: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function lettersDir(config: Config, override?: string): string {
  const dir = override ?? config.LETTERS_DIR;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`letters folder not found: ${dir} (set LETTERS_DIR or pass --letters DIR)`);
  }
  return dir;
}

/** What the CLI's services share: the configured embedder, letters folder and index. */
function serviceOptions(ctx: Context, letters: string, indexDir: string) {
  return { lettersDir: letters, indexDir, embedder: embedderFor(ctx), maxBytes: ctx.config.MAX_LETTER_BYTES, passageVectors: ctx.config.PASSAGE_VECTORS, log: ctx.warn };
}

/** A build's report in one line, after a line for each file that could not be read. */
function warnReport(ctx: Context, letters: string, indexDir: string, report: BuildReport): void {
  for (const e of report.errors) ctx.warn(`${letters}/${e.file}: ${e.reason}`);
  ctx.warn(reportText(report, indexDir).replace(/\n/g, '; '));
}

/** The embedder and the index, built or updated first when missing or stale. */
async function openService(ctx: Context, letters: string, indexDir: string): Promise<LetterService> {
  const progress = progressReporter(ctx, false);
  const { service, report } = await LetterService.open({ ...serviceOptions(ctx, letters, indexDir), onProgress: progress.update });
  progress.stop();
  if (report) warnReport(ctx, letters, indexDir, report);
  return service;
}

/**
 * For `npm start`: the service at once, answering from the index on disk (or, on a first build, from the letters
 * indexed so far) while the update runs in the background and reports when it ends.
 */
async function startService(ctx: Context, letters: string, indexDir: string): Promise<LetterService> {
  const { service, report } = await LetterService.start(serviceOptions(ctx, letters, indexDir));
  report.then(
    (r) => (r ? warnReport(ctx, letters, indexDir, r) : ctx.warn(`${indexDir}/: ${service.letters().length} letters, up to date`)),
    (err: unknown) => ctx.warn(err instanceof BuildStopped ? 'the index update stopped; it goes on at the next start' : `the index update failed: ${(err as Error).message}`),
  );
  return service;
}

async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const config = parseConfig(process.env);
  switch (command) {
    case 'letters': {
      const { values } = parse(rest, {
        letters: { type: 'string' },
        index: { type: 'string' },
        recipient: { type: 'string' },
        sender: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
      });
      const filter = filterFromArgs(values);
      const ctx: Context = { config, out, warn };
      // The index's catalogue, as Discord's /letters reads it: built or updated first when needed.
      const service = await openService(ctx, lettersDir(config, values.letters), values.index ?? config.INDEX_DIR);
      printLetters(service, filter, values.json ?? false, out);
      return 0;
    }
    case 'index': {
      const { values } = parse(rest, {
        letters: { type: 'string' },
        index: { type: 'string' },
        full: { type: 'boolean' },
        'ocr-again': { type: 'boolean' },
        json: { type: 'boolean' },
      });
      const ctx: Context = { config, out, warn };
      const args = {
        lettersDir: lettersDir(config, values.letters),
        indexDir: values.index ?? config.INDEX_DIR,
        full: values.full ?? false,
        ocrAgain: values['ocr-again'] ?? false,
      };
      const embedder = await embedderFor(ctx);
      try {
        await indexCommand(ctx, embedder, args, values.json ?? false);
      } finally {
        await embedder.dispose?.(); // ends the embedding worker threads
      }
      return 0;
    }
    case 'ask': {
      const { values, positionals } = parse(rest, {
        letters: { type: 'string' },
        index: { type: 'string' },
        json: { type: 'boolean' },
        batch: { type: 'string' },
      }, true);
      const question = positionals.join(' ');
      if (!values.batch) checkQuestion(question);
      if (!values.batch && !question.trim()) throw new UsageError('ask: give a question, e.g. npm run ask -- "Who wrote to Valls?", or --batch FILE');
      const ctx: Context = { config, out, warn };
      const service = await openService(ctx, lettersDir(config, values.letters), values.index ?? config.INDEX_DIR);
      return printAnswers(ctx, service, { question, batch: values.batch, json: values.json ?? false });
    }
    case 'start': {
      const { values } = parse(rest, { letters: { type: 'string' }, index: { type: 'string' } });
      const ctx: Context = { config, out, warn };
      const letters = lettersDir(config, values.letters);
      const service = await startService(ctx, letters, values.index ?? config.INDEX_DIR);
      if (config.DISCORD_TOKEN) {
        const { pino } = await import('pino');
        const { startBot } = await import('./discord/bot.js');
        const log = pino({ level: config.LOG_LEVEL, redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[token]' } }, pino.destination(2));
        const bot = await startBot({ service, config, lettersDir: letters, log });
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            log.info({ signal }, 'shutting down: finishing answers in flight');
            // docker stop and systemd send SIGKILL 10 s after SIGTERM: whatever the network does, the process is
            // gone within 5 s. bot.stop() bounds each of its steps (answers 3 s, all of it 4.5 s); this is the
            // backstop. A second SIGINT or SIGTERM ends the process at once (the default action).
            setTimeout(() => {
              log.warn('shutting down: still running after 4.8 s; exiting now');
              process.exit(0);
            }, 4800).unref();
            bot.stop().then(resolve, (err: unknown) => {
              log.error({ err }, 'shutting down: the bot did not stop cleanly');
              resolve();
            });
          };
          process.once('SIGINT', () => stop('SIGINT'));
          process.once('SIGTERM', () => stop('SIGTERM'));
        });
        // Answers, feedback log and index are settled. discord.js may still try to reach a gateway it cannot
        // (its reconnection loop outlives destroy()), and the embedding workers may be mid-call: nothing to wait for.
        process.exit(0);
      }
      await runConsole(service, { input: process.stdin, output: process.stdout, terminal: !!process.stdin.isTTY && !!process.stdout.isTTY });
      // A first build still running stops here and goes on at the next start.
      await service.close();
      return 0;
    }
    case 'report': {
      const { values } = parse(rest, { since: { type: 'string' }, json: { type: 'boolean' } });
      return reportCommand({ config, out, warn }, { dataDir: config.DATA_DIR, indexDir: config.INDEX_DIR, since: values.since, json: values.json ?? false });
    }
    case 'register': {
      parse(rest, {});
      if (!config.DISCORD_TOKEN) throw new UsageError('register: set DISCORD_TOKEN (and DISCORD_GUILD_ID for one server)');
      const { registerCommands } = await import('./discord/register.js');
      const { scope, count } = await registerCommands(config);
      out(`Registered ${count} commands (${scope}).`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsageError || err instanceof FilterError || err instanceof EmbedderUnavailableError || err instanceof QuestionError) {
      warn(err.message);
      process.exitCode = 2;
    } else if (err instanceof IndexLockedError) {
      warn(err.message);
      process.exitCode = 1;
    } else if (err instanceof IndexError) {
      warn(`${err.message}; run \`npm run index\` to build it`);
      process.exitCode = 1;
    } else if (err instanceof EmbedderMismatchError) {
      warn(`${err.message}; run \`npm run index -- --full\` to rebuild it with the configured one`);
      process.exitCode = 1;
    } else {
      warn(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    }
  },
);
