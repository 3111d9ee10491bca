/** What other capabilities ask of projects: the dropdown of a document form, and whether an id is a project of this organisation. */
import type { TenantDb } from '../db/tenant-db.js';
import type { Choice } from '../common/choice.js';
import { projectRepository } from './project-repository.js';

const LIMIT = 500;

/** Validation goes through here: another organisation's project id is simply not found. */
export const projectExists = (tdb: TenantDb, projectId: string): Promise<boolean> => projectRepository(tdb).exists(projectId);

/** Projects offered in a document's project dropdown: not completed, by name; the current one always. */
export async function projectChoices(tdb: TenantDb, currentId: string | null = null): Promise<Choice[]> {
  const rows: { id: string; name: string }[] = await tdb.from('projects').whereNot('status', 'completed').orderBy('name').limit(LIMIT).select('id', 'name');
  const choices = rows.map((r) => ({ value: r.id, label: r.name }));
  if (currentId && !choices.some((c) => c.value === currentId)) {
    const current: { id: string; name: string } | undefined = await tdb.from('projects').where({ id: currentId }).first('id', 'name');
    if (current) choices.unshift({ value: current.id, label: current.name });
  }
  return [{ value: '', label: 'No project' }, ...choices];
}
