import { readFileSync } from 'node:fs';
import { MAX_QUESTION_LENGTH, QuestionError } from '../answer/answerer.js';
import { answerJson, renderText } from '../answer/render-text.js';
import type { LetterService } from '../service/letter-service.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';

export interface AskArgs {
  question?: string;
  batch?: string;
  json: boolean;
}

export function checkQuestion(q: string): void {
  if (q.length > MAX_QUESTION_LENGTH) throw new UsageError(`the question is ${q.length} characters long; the limit is ${MAX_QUESTION_LENGTH}`);
}

/** One question, or a file of them (one a line in, one JSON object a line out). */
export async function printAnswers(ctx: Context, service: LetterService, args: AskArgs): Promise<number> {
  if (args.batch) {
    let lines: string[];
    try {
      lines = readFileSync(args.batch, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    } catch (err) {
      throw new UsageError(`cannot read --batch file ${args.batch}: ${(err as Error).message}`);
    }
    let failures = 0;
    for (const q of lines) {
      try {
        ctx.out(JSON.stringify(answerJson(await service.answer(q))));
      } catch (err) {
        if (!(err instanceof QuestionError)) throw err;
        failures++;
        ctx.out(JSON.stringify({ question: q.slice(0, 200), error: err.message }));
      }
    }
    return failures ? 1 : 0;
  }
  const q = args.question ?? '';
  checkQuestion(q);
  if (!q.trim()) throw new UsageError('ask: give a question, e.g. npm run ask -- "Who wrote to Valls?", or --batch FILE');
  const answer = await service.answer(q);
  ctx.out(args.json ? JSON.stringify(answerJson(answer)) : renderText(answer, { color: process.stdout.isTTY }));
  return 0;
}
