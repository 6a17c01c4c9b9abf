import { z } from 'zod';

/** The evaluation corpus's files, as tests/eval/README.md describes them. */

export const HALVES = ['dev', 'blind'] as const;
export type Half = (typeof HALVES)[number];

export const QUESTION_KINDS = [
  'request', 'summary', 'overview', 'list', 'count', 'reason', 'fact', 'paraphrase', 'who', 'when', 'unanswerable',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds whose answer must cite every expected letter and no other. */
export const SET_KINDS: readonly QuestionKind[] = ['list', 'count', 'overview'];

export const evalQuestionSchema = z.object({
  id: z.string().min(1),
  half: z.enum(HALVES),
  kind: z.enum(QUESTION_KINDS),
  question: z.string().min(1),
  letters: z.array(z.string()),
  phrase: z.string().min(1).optional(),
  count: z.number().int().nonnegative().optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

const personSchema = z.object({ name: z.string(), role: z.string().nullable() });

export const truthSchema = z.record(
  z.string(),
  z.object({
    layout: z.string(),
    half: z.enum(HALVES),
    sender: z.string().nullable(),
    senderRole: z.string().nullable(),
    recipients: z.array(personSchema),
    cc: z.array(z.string()),
    date: z.string().nullable(),
    place: z.string().nullable(),
  }),
);
export type Truth = z.infer<typeof truthSchema>;
export type LetterTruth = Truth[string];
