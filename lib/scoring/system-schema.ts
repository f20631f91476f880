import { z } from 'zod';
import { POLICIES } from './types';

/** Shapes of a `dept-scorecard/system@1` document. Arithmetic checks live in system.ts. */

export const numberLike = z.union([z.number(), z.string()]);
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]*$/, '字段名只能含小写字母、数字和下划线');
const text = z.string().trim().min(1);

export const metricSchema = z.union([
  z
    .object({
      ratio: z.tuple([fieldKey, fieldKey]),
      on_zero: z.enum(['not_applicable', 'error']).optional(),
      at_most_one: z.boolean().optional(),
    })
    .strict(),
  z.object({ change: z.tuple([fieldKey, fieldKey]) }).strict(),
]);

export const ruleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('banded'),
      metric: metricSchema,
      better: z.enum(['lower', 'higher']),
      full: numberLike,
      zero: numberLike,
    })
    .strict(),
  z.object({ kind: z.literal('proportional'), metric: metricSchema }).strict(),
  z
    .object({
      kind: z.literal('checklist'),
      items: z.array(text).min(1),
      tiers: z.array(z.object({ met: z.number().int().min(0), score: numberLike }).strict()).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('grade'),
      grades: z.array(z.object({ label: text, score: numberLike }).strict()).min(1),
    })
    .strict(),
  z.object({ kind: z.literal('judgement'), points: z.array(text).default([]) }).strict(),
]);
export type RawRule = z.infer<typeof ruleSchema>;

export const nodeHeaderSchema = z.object({
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, '代码须为 ASCII 字母开头，只含字母、数字、_ 和 -'),
  name: text,
  weight: numberLike,
  description: z.string().optional(),
});

export const fieldInfoSchema = z
  .object({
    name: text,
    unit: z.string().optional(),
    integer: z.boolean().optional(),
    positive: z.boolean().optional(),
    description: z.string().optional(),
  })
  .strict();

export const systemDocumentSchema = z
  .object({
    format: z.literal('dept-scorecard/system@1'),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '体系 id 须为 ASCII 字母、数字、. _ -'),
    name: text,
    interpolation: z.enum(POLICIES as [string, ...string[]]).default('cohort-in-band'),
    total: numberLike.optional(),
    fields: z.record(fieldKey, fieldInfoSchema).default({}),
    grades: z.array(z.object({ label: text, min: numberLike }).strict()).min(1).optional(),
    indicators: z.array(z.unknown()).min(1),
  })
  .strict();
