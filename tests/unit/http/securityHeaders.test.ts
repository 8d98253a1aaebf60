// The one place response security headers are chosen: JSON and files forbid framing; a Teams tab page allows only Teams.
import { securityHeaders, TEAMS_FRAME_ANCESTORS } from '../../../bot/http/securityHeaders';

describe('security headers by kind of response', () => {
  it('forbids framing, sniffing, referrers and caching for JSON and files', () => {
    for (const kind of ['api', 'file'] as const) {
      expect(securityHeaders(kind, { https: false })).toEqual({
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
        'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
        'Cache-Control': 'no-store',
      });
    }
  });

  it('lets only Microsoft 365 hosts frame a tab page, which X-Frame-Options cannot express', () => {
    const headers = securityHeaders('page', { https: true });
    expect(headers['X-Frame-Options']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toBe(`frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`);
    expect(TEAMS_FRAME_ANCESTORS).toEqual(expect.arrayContaining(['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft']));
    expect(headers['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
  });
});
