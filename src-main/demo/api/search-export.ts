// GET /api/v2/search/export: cursor-paginated ticket search, ordered by created_at (ids follow
// creation order). Zendesk requires filter[type]; it is "ticket" here.
import { encodeCursor } from '../util/cursor-codec';
import { buildUrl, cursorParam, intParam } from '../http/query';
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';
import { compileTicketQuery, SearchQueryError, type TicketPredicate } from './search-query';

const PATH = '/api/v2/search/export.json';

export function searchExport(ctx: RequestContext): ApiResponse {
  const { store, query } = ctx;
  const text = query.get('query');
  if (!text) throw badRequest('query is required');
  const type = query.get('filter[type]');
  if (!type) throw badRequest('filter[type] is required');
  if (type !== 'ticket') throw badRequest(`filter[type]=${type} is not supported by the demo (tickets only)`);
  const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 1000 });
  const afterId = cursorParam(query, 'page[after]', 'search') ?? 0;

  let matches: TicketPredicate;
  try {
    matches = compileTicketQuery(text, { meId: ctx.user.id, dataset: store });
  } catch (error) {
    if (error instanceof SearchQueryError) throw badRequest(error.message, 'InvalidSearch');
    throw error;
  }

  const results: Record<string, unknown>[] = [];
  let lastId = afterId;
  let hasMore = false;
  for (let id = afterId + 1; id <= store.ticketCount; id++) {
    const ticket = store.ticket(id);
    if (!ticket || !matches(ticket)) continue;
    if (results.length === size) {
      hasMore = true;
      break;
    }
    results.push({ ...ticket, result_type: 'ticket' });
    lastId = id;
  }
  const after = hasMore ? encodeCursor('search', lastId) : null;
  return ok({
    results,
    facets: null,
    meta: { has_more: hasMore, after_cursor: after, before_cursor: null },
    links: {
      next: after ? buildUrl(ctx.baseUrl, PATH, { query: text, 'filter[type]': type, 'page[size]': query.get('page[size]'), 'page[after]': after }) : null,
      prev: null,
    },
  });
}
