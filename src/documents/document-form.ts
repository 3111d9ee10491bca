/** What a document form submits: header fields as typed, every line as typed, and the button pressed. */
import { formValues, type FormValues } from '../http/form-input.js';
import { DOCUMENT_FIELDS } from './document-schema.js';
import { parseFormAction, readLineDrafts, type FormAction } from './line-form.js';
import type { LineDraft } from './lines.js';

export interface DocumentForm {
  values: FormValues;
  drafts: LineDraft[];
  action: FormAction;
}

/** `kindFields`: the kind's own header fields beyond the shared ones (e.g. 'expiryDate'). */
export function readDocumentForm(body: unknown, kindFields: readonly string[]): DocumentForm {
  return { values: formValues(body, [...DOCUMENT_FIELDS, ...kindFields]), drafts: readLineDrafts(body), action: parseFormAction(body) };
}
