/** GET /search?q=: contacts, quotes, sales orders and projects (whatever sources are wired) matching the words. */
import { Router } from 'express';
import { requestContext } from '../http/request-context.js';
import type { SearchHit, SearchSource } from './search-sources.js';

const PER_SOURCE = 8;
const MAX_QUERY = 100;

export interface SearchGroupView {
  heading: string;
  hits: SearchHit[];
  total: number;
  moreHref: string | null;
}

export function searchRoutes(deps: { sources: readonly SearchSource[] }): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const { tdb } = requestContext(res);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, MAX_QUERY) : '';
    const groups: SearchGroupView[] = q
      ? await Promise.all(
          deps.sources.map(async (source) => {
            const { hits, total } = await source.search(tdb, q, PER_SOURCE);
            return { heading: source.heading, hits, total, moreHref: total > hits.length ? source.listHref(q) : null };
          }),
        )
      : [];
    res.render('search/results', {
      title: q ? `Search: ${q}` : 'Search',
      searchQuery: q,
      groups,
      found: groups.reduce((n, g) => n + g.total, 0),
    });
  });
  return router;
}
