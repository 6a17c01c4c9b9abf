import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MAX_QUESTION_LENGTH, QuestionError } from '../answer/answerer.js';
import { renderText } from '../answer/render-text.js';
import { Conversations, turnOf } from '../answer/follow-up.js';
import { lettersTable } from '../commands/letters.js';
import { reportText } from '../commands/index-letters.js';
import { humanDate } from '../letters/summary.js';
import { embedderLabel } from '../indexing/embedders/embedder.js';
import type { LetterService } from '../service/letter-service.js';

export const HELP = `Ask a question in plain words, or:
  /letters [recipient]   the letters, by date (optionally to someone)
  /letter ID             one letter: its metadata and opening
  /reindex               update the index from the letters folder
  /help                  this help
  /quit                  leave (or Ctrl-D)`;

const CONNECT = 'To run Epistle in Discord, put DISCORD_TOKEN=... in .env (see README, "Discord") and run npm start again.';

export interface ConsoleIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  terminal: boolean;
  historyFile?: string;
}

function readHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500);
  } catch {
    return [];
  }
}

/** The interactive console: the same answers as Discord, in a terminal. Resolves when the user leaves. */
export async function runConsole(service: LetterService, io: ConsoleIO): Promise<void> {
  const historyFile = io.historyFile ?? join(homedir(), '.epistle_history');
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.terminal, history: readHistory(historyFile), historySize: 500, prompt: 'epistle> ' });
  const say = (s: string) => io.output.write(s + '\n');
  const progress = service.progress;
  if (progress) say(`Epistle: indexing ${progress.total.toLocaleString('en-GB')} letters (${embedderLabel(service.opts.embedder.id)}); answers come from the letters indexed so far.`);
  else {
    const index = service.index;
    say(`Epistle: ${index.letters.size} letters, ${index.passages.size} passages indexed (${embedderLabel(index.embedder)}).`);
  }
  say('Ask a question about the letters, or type /help.');
  say(CONNECT);
  rl.prompt();
  // The session is one conversation: follow-ups ("And what did he ask for?") take the last answer's letters.
  const conversation = new Conversations();

  for await (const raw of rl) {
    const line = raw.trim();
    if (line) {
      try {
        appendFileSync(historyFile, line + '\n');
      } catch {
        // History is a convenience.
      }
    }
    try {
      if (!line) {
        // nothing
      } else if (line === '/quit' || line === '/exit') {
        break;
      } else if (line === '/help') {
        say(HELP);
      } else if (line.startsWith('/letters')) {
        const recipient = line.slice('/letters'.length).trim() || undefined;
        say(lettersTable(service.letters({ recipient })));
      } else if (line.startsWith('/letter ')) {
        const id = line.slice('/letter '.length).trim();
        const letter = service.letter(id);
        if (!letter) say(`No letter ${id}. /letters lists them.`);
        else {
          const m = letter.meta;
          say(`${letter.id} (${letter.file})`);
          say(`From: ${m.sender ?? '?'}${m.senderRole ? `, ${m.senderRole}` : ''}`);
          say(`To: ${m.recipients.map((r) => (r.role ? `${r.name}, ${r.role}` : r.name)).join('; ') || '?'}`);
          if (m.cc.length) say(`CC: ${m.cc.map((r) => r.name).join('; ')}`);
          say(`Date: ${humanDate(m.date)}${m.place ? `, ${m.place}` : ''}`);
          say('');
          say(letter.body.slice(0, 800) + (letter.body.length > 800 ? ' …' : ''));
        }
      } else if (line.startsWith('/reindex')) {
        say('Updating the index…');
        say(reportText(await service.reindex(line.includes('--full')), service.opts.indexDir));
      } else if (line.startsWith('/')) {
        say(`Unknown command ${line.split(' ')[0]}.\n${HELP}`);
      } else if (line.length > MAX_QUESTION_LENGTH) {
        say(`That question is ${line.length} characters long; the limit is ${MAX_QUESTION_LENGTH}.`);
      } else {
        const { answer } = await service.followUp(line, conversation.get('console'));
        conversation.add('console', turnOf(line, answer));
        say(renderText(answer, { color: io.terminal }));
      }
    } catch (err) {
      say(err instanceof QuestionError ? err.message : `Error: ${(err as Error).message}`);
    }
    say('');
    rl.prompt();
  }
  rl.close();
}
