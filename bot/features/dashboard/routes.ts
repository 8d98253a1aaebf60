// The tab's HTTP routes: the page and its bundle (built by `npm run build` into dist/web/), and the JSON API under
// /tab/api/. Every API call needs a valid Teams SSO token (local mode excepted); each query is read through a zod
// schema, and bad input gets a 400 that says what to send, never a 5xx.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HttpAnswer, HttpRequestParts, HttpRoute } from '../../http/httpRoute';
import type { Services } from '../../platform/services';
import { areasFor, programmeView, type Scope } from './programme';
import { evaluationReport, REPORT_FORMATS } from './report';
import { viewerOf, type Viewer } from './tabAccess';

const name = z.string().trim().min(1).max(200);
const scopeSchema = z.union([
  z.object({ area: name }).transform((q): Scope => ({ kind: 'area', areaId: q.area.toLowerCase() })),
  z.object({ cohort: name }).transform((q): Scope => ({ kind: 'cohort', cohortId: q.cohort })),
  z.object({ channel: name }).transform((q): Scope => ({ kind: 'channel', channelId: q.channel })),
]);
const SCOPE_HELP = 'Ask for one of ?area=<area id>, ?cohort=<cohort id> or ?channel=<channel id>.';
const reportSchema = z.object({ format: z.enum(REPORT_FORMATS) });

const WEB_FILES = {
  '/tab': ['index.html', 'text/html; charset=utf-8', 'page'],
  '/tab/index.html': ['index.html', 'text/html; charset=utf-8', 'page'],
  '/tab/app.js': ['app.js', 'text/javascript; charset=utf-8', 'asset'],
  '/tab/app.css': ['app.css', 'text/css; charset=utf-8', 'asset'],
  // The channel tab's configuration page (the manifest's configurableTabs[0].configurationUrl).
  '/tab/config': ['config.html', 'text/html; charset=utf-8', 'page'],
  '/tab/config.js': ['config.js', 'text/javascript; charset=utf-8', 'asset'],
} as const;

/** Reads the built page once, at start-up; without a build, the page says how to make one. */
function webFile(root: string, file: string, contentType: string, kind: 'page' | 'asset'): HttpAnswer {
  try {
    return { status: 200, contentType, body: readFileSync(path.join(root, 'dist', 'web', file)), kind };
  } catch {
    return { status: 503, json: { error: 'not-built', message: 'The dashboard page has not been built: run "npm run build".' } };
  }
}

function queryOf(request: HttpRequestParts): Record<string, string> {
  return Object.fromEntries(request.query.entries());
}

const badQuery = (message: string): HttpAnswer => ({ status: 400, json: { error: 'bad-request', message } });

export function tabRoutes(services: Services, root: string): HttpRoute[] {
  const withViewer = (handle: (viewer: Viewer, request: HttpRequestParts) => Promise<HttpAnswer>) => async (request: HttpRequestParts): Promise<HttpAnswer> => {
    const outcome = await viewerOf(request.authorization, services);
    if (!outcome.ok) return { status: outcome.status, json: outcome.json };
    return handle(outcome.viewer, request);
  };
  const pages: HttpRoute[] = Object.entries(WEB_FILES).map(([route, [file, contentType, kind]]) => {
    const answer = webFile(root, file, contentType, kind);
    return { method: 'GET', path: route, handle: () => Promise.resolve(answer) };
  });
  return [
    ...pages,
    {
      method: 'GET',
      path: '/tab/api/me',
      handle: withViewer(async (viewer) => ({
        status: 200,
        json: { name: viewer.caller.name, roles: viewer.roles, local: viewer.local, areas: await areasFor(viewer, services) },
      })),
    },
    {
      method: 'GET',
      path: '/tab/api/programme',
      handle: withViewer(async (viewer, request) => {
        const scope = scopeSchema.safeParse(queryOf(request));
        if (!scope.success) return badQuery(SCOPE_HELP);
        const outcome = await programmeView(viewer, scope.data, services);
        return outcome.ok ? { status: 200, json: outcome.view } : { status: outcome.status, json: { error: outcome.status === 403 ? 'forbidden' : 'not-found', message: outcome.message } };
      }),
    },
    {
      method: 'POST',
      path: '/tab/api/report',
      handle: withViewer(async (viewer, request) => {
        const query = queryOf(request);
        const scope = scopeSchema.safeParse(query);
        const format = reportSchema.safeParse(query);
        if (!scope.success) return badQuery(SCOPE_HELP);
        if (!format.success) return badQuery('Ask for ?format=pdf or ?format=xlsx.');
        const outcome = await evaluationReport(viewer, scope.data, format.data.format, services);
        return outcome.ok ? { status: 200, json: outcome.link } : { status: outcome.status, json: { error: outcome.status === 403 ? 'forbidden' : 'not-found', message: outcome.message } };
      }),
    },
  ];
}
