/** Projects: a customer's piece of work that sales orders (later purchase orders and contracts) belong to. */
export const PROJECT_STATUSES = ['active', 'on_hold', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = { active: 'Active', on_hold: 'On hold', completed: 'Completed' };

export interface ProjectInput {
  name: string;
  contactId: string | null;
  status: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
  /** Cents, in the organisation's base currency. */
  budget: number | null;
  description: string | null;
}

export interface Project extends ProjectInput {
  id: string;
  contactName: string | null;
}

export interface ProjectSummary {
  id: string;
  name: string;
  contactId: string | null;
  contactName: string | null;
  status: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
  budget: number | null;
}
