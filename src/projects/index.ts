/** Projects: the public surface for the dashboard and the app. */
export { projectRoutes } from './project-routes.js';
export { projectService, type ProjectService } from './project-service.js';
export { projectChoices } from './project-choices.js';
export { projectTotals, type ProjectTotals } from './project-totals.js';
export { PROJECT_STATUSES, PROJECT_STATUS_LABELS, type Project, type ProjectSummary } from './project.js';
