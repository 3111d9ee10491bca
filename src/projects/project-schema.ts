/** What the project form may submit. */
import { z } from 'zod';
import { formValues, optionalDate, optionalId, optionalText, requiredText, type FormValues } from '../http/form-input.js';
import { parseMoney } from '../common/money.js';
import { PROJECT_STATUSES } from './project.js';

/** `contactSearch` is the "Find contact" box: kept when the form comes back, never saved. */
export const PROJECT_FIELDS = ['name', 'contactId', 'contactSearch', 'status', 'startDate', 'endDate', 'budget', 'description'] as const;

const budget = z.string().transform((text, ctx) => {
  if (text.trim() === '') return null;
  const parsed = parseMoney(text, 'Budget');
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.value;
});

export const projectSchema = z
  .object({
    name: requiredText('Name', 255),
    contactId: optionalId('Customer'),
    status: z.enum(PROJECT_STATUSES, { message: 'Choose a status: active, on hold or completed.' }),
    startDate: optionalDate('Start date'),
    endDate: optionalDate('End date'),
    budget,
    description: optionalText('Description', 4000),
  })
  .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, { path: ['endDate'], message: 'End date must be on or after the start date.' });

export const readProjectForm = (body: unknown): FormValues => formValues(body, PROJECT_FIELDS);
