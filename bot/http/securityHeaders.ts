// The one place the server's security headers are chosen: server.ts applies them to every response it makes.
/**
 * What a response is. `api` is JSON (and every error); `file` a download; `page` an HTML page Teams shows in a frame
 * (a future tab), which must let Teams frame it instead of forbidding every frame.
 */
export type ResponseKind = 'api' | 'file' | 'page';

/**
 * The hosts Microsoft 365 shows a tab from ("Tab requirements", Teams platform docs: frame-ancestors for Teams,
 * Microsoft 365 and Outlook, old and new domains). Used only for `page`.
 */
export const TEAMS_FRAME_ANCESTORS: readonly string[] = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

export interface SecurityHeaderOptions {
  /** True when the bot is reached over https (PUBLIC_BASE_URL), so browsers may be told to use nothing else. */
  readonly https: boolean;
}

export function securityHeaders(kind: ResponseKind, options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (kind === 'page') {
    // X-Frame-Options cannot name several origins, so a framed page has only the CSP's list.
    headers['Content-Security-Policy'] = `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`;
  } else {
    headers['X-Frame-Options'] = 'DENY';
    headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'none'";
    // Answers carry people's data (downloads, cards): never kept by a browser or a proxy.
    headers['Cache-Control'] = 'no-store';
  }
  if (options.https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
