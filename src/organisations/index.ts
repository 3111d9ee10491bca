/** Organisations (the tenancy): the public surface for the app and for sign-in. See README.md. */
export { organisationsRoutes } from './organisations-routes.js';
export { organisationsService, type OrganisationsService } from './organisations-service.js';
export { organisationsRepository, type OrganisationsRepository } from './organisations-repository.js';
export { organisationXeroStatus } from './organisation-xero-status.js';
export { loadRequestContext } from './load-request-context.js';
