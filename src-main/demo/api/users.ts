// Users: the authenticated agent, show_many, single user, and the cursor-based export.
import type { DemoUser } from '../dataset/types';
import { encodeCursor } from '../util/cursor-codec';
import { buildUrl, cursorParam, intParam, showManyIds, unixParam } from '../http/query';
import { badRequest, notFound, ok, type ApiResponse, type RequestContext } from '../http/types';

export function showMe(ctx: RequestContext): ApiResponse {
  return ok({ user: ctx.user });
}

export function showUser(ctx: RequestContext): ApiResponse {
  const user = ctx.store.user(Number(ctx.params[0]));
  if (!user) throw notFound();
  return ok({ user });
}

export function showManyUsers(ctx: RequestContext): ApiResponse {
  const users = showManyIds(ctx.query).map((id) => ctx.store.user(id)).filter((x): x is DemoUser => x !== undefined);
  return ok({ users });
}

const PATH = '/api/v2/incremental/users/cursor.json';

export function incrementalUsers(ctx: RequestContext): ApiResponse {
  const { store, query } = ctx;
  const perPage = intParam(query, 'per_page', { fallback: 1000, min: 1, max: 1000 });
  const log = store.userLog;
  let from = cursorParam(query, 'cursor', 'users');
  if (from === null) {
    const startTime = unixParam(query, 'start_time');
    if (startTime === null) throw badRequest('start_time or cursor is required');
    from = log.firstAtOrAfter(startTime);
  }
  const page = log.page(from, perPage, undefined, store.exportCutoffSec());
  const users = page.ids.map((id) => store.exportUser(id)).filter((u) => u !== undefined);
  const after = encodeCursor('users', page.next, page.next > 0 ? log.timeAt(page.next - 1) : 0);
  const before = from > 0 ? encodeCursor('users', from, log.timeAt(from - 1)) : null;
  const extra = { per_page: query.get('per_page') };
  return ok({
    users,
    after_cursor: after,
    after_url: buildUrl(ctx.baseUrl, PATH, { cursor: after, ...extra }),
    before_cursor: before,
    before_url: before ? buildUrl(ctx.baseUrl, PATH, { cursor: before, ...extra }) : null,
    end_of_stream: page.endOfStream,
  });
}
