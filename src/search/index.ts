/** Global search: the page and the interface capabilities implement to be searched. */
export { searchRoutes } from './search-routes.js';
export type { SearchHit, SearchSource } from './search-sources.js';
