#!/usr/bin/env node
/** The composition root: parses the configuration once and runs one command. */
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, parseConfig, type Config } from './config.js';
import { UsageError } from './commands/errors.js';
import { lettersCommand } from './commands/letters.js';
import { embedderFor, type Context } from './commands/context.js';
import { indexCommand } from './commands/index-letters.js';
import { IndexLockedError } from './indexing/lock.js';
import { EmbedderUnavailableError } from './indexing/embedders/select.js';
import { FilterError } from './search/filters.js';

const USAGE = `Usage:
  npm start                                  the Discord bot (with DISCORD_TOKEN) or the console
  npm run index   -- [--letters DIR] [--index DIR] [--full] [--json]
  npm run ask     -- [--letters DIR] [--index DIR] [--json] "question" | --batch FILE
  npm run letters -- [--recipient X] [--sender X] [--from DATE] [--to DATE] [--json]
  npm run register
  npm run bench   -- [--json] [--quick]`;

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
        recipient: { type: 'string' },
        sender: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
      });
      await lettersCommand(
        { ...values, lettersDir: lettersDir(config, values.letters), maxBytes: config.MAX_LETTER_BYTES },
        values.json ?? false,
        out,
        warn,
      );
      return 0;
    }
    case 'index': {
      const { values } = parse(rest, {
        letters: { type: 'string' },
        index: { type: 'string' },
        full: { type: 'boolean' },
        json: { type: 'boolean' },
      });
      const ctx: Context = { config, out, warn };
      const args = { lettersDir: lettersDir(config, values.letters), indexDir: values.index ?? config.INDEX_DIR, full: values.full ?? false };
      await indexCommand(ctx, await embedderFor(ctx), args, values.json ?? false);
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
    if (err instanceof ConfigError || err instanceof UsageError || err instanceof FilterError || err instanceof EmbedderUnavailableError) {
      warn(err.message);
      process.exitCode = 2;
    } else if (err instanceof IndexLockedError) {
      warn(err.message);
      process.exitCode = 1;
    } else {
      warn(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    }
  },
);
