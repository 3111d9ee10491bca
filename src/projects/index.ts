/** Projects: the public surface for the app and for capabilities whose records belong to a project. */
export { projectRoutes, type ProjectRoutesDeps } from './project-routes.js';
export { projectService, type ProjectService } from './project-service.js';
export { projectChoices, projectExists } from './project-choices.js';
export type { ProjectContribution, ProjectRecordRow, ProjectRef, ProjectSection } from './project-contributions.js';
export {
  projectTotals,
  salesDocumentFigures,
  type ContributionFigures,
  type DocumentForTotals,
  type LineForTotals,
  type MoneyByCurrency,
  type ProjectTotals,
} from './project-totals.js';
export { PROJECT_STATUSES, PROJECT_STATUS_LABELS, type Project, type ProjectSummary } from './project.js';
export { projectDashboard } from './project-dashboard.js';
export { projectSearch } from './project-search.js';
export { projectContactContribution } from './project-contact-contribution.js';
