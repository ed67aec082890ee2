// Which requests are uploads (idle limit, no deadline) and which send their own 100 Continue:
// the classification routes on the URL before express does, so it must match what express
// routes to the upload handlers (case-insensitive, an optional trailing slash, a query).
import { expect } from 'chai';
import { isUpload, sendsOwnContinue, serverTimeouts } from '../../../../../server/http/middleware/timeouts.js';

const ID = '3f2b8c1e-8d1a-4c7e-9a57-0c3d2e1f4a5b';

describe('server/http/middleware/timeouts', () => {
  it('takes source, audio, poster and subtitle PUTs and every resumable request for uploads', () => {
    for (const url of [
      `/api/programmes/${ID}/source`,
      `/api/programmes/${ID}/source/`,
      `/api/programmes/${ID}/source?x=1`,
      `/API/Programmes/${ID}/SOURCE`,
      `/api/programmes/${ID}/audio/fr`,
      `/api/programmes/${ID}/audio/fr?role=commentary`,
      `/api/programmes/${ID}/posters/en`,
      `/api/programmes/${ID}/subtitles/de`,
    ]) {
      expect(isUpload('PUT', url), url).to.equal(true);
    }
    for (const method of ['POST', 'PATCH', 'HEAD', 'DELETE']) {
      expect(isUpload(method, '/api/uploads'), method).to.equal(true);
      expect(isUpload(method, '/api/uploads/0123456789abcdef0123456789abcdef'), method).to.equal(true);
    }
  });

  it('takes every other body for a small one (deadline)', () => {
    for (const [method, url] of [
      ['POST', '/api/qoe'],
      ['POST', '/api/programmes'],
      ['PATCH', `/api/programmes/${ID}`],
      ['PUT', `/api/programmes/${ID}/localizations/en`],
      ['PUT', `/api/programmes/${ID}/availability`],
      ['PUT', '/api/translations/fr/player'],
      ['POST', `/api/programmes/${ID}/source`],
      ['DELETE', `/api/programmes/${ID}/audio/fr`],
      ['PUT', `/api/programmes/${ID}/source/extra`],
      ['PUT', `/api/programmes/${ID}/posters`],
      ['POST', '/api/uploadsx'],
      ['POST', '/api/auth/login'],
    ] as const) {
      expect(isUpload(method, url), `${method} ${url}`).to.equal(false);
    }
  });

  it('leaves 100 Continue to the routes that stream a body to disk (source and audio PUTs)', () => {
    expect(sendsOwnContinue('PUT', `/api/programmes/${ID}/source`)).to.equal(true);
    expect(sendsOwnContinue('PUT', `/api/programmes/${ID}/audio/fr?role=main`)).to.equal(true);
    expect(sendsOwnContinue('PUT', `/api/programmes/${ID}/posters/fr`)).to.equal(false);
    expect(sendsOwnContinue('PATCH', '/api/uploads/0123456789abcdef0123456789abcdef')).to.equal(false);
    expect(sendsOwnContinue('POST', `/api/programmes/${ID}/source`)).to.equal(false);
  });

  it("bounds the headers, keeps Node's whole-request timeout off, and checks often enough", () => {
    expect(serverTimeouts({ headersSec: 30 })).to.deep.equal({ headersTimeout: 30_000, requestTimeout: 0, connectionsCheckingInterval: 15_000 });
    expect(serverTimeouts({ headersSec: 1 })).to.deep.equal({ headersTimeout: 1000, requestTimeout: 0, connectionsCheckingInterval: 500 });
    expect(serverTimeouts({ headersSec: 600 }).connectionsCheckingInterval).to.equal(15_000);
  });
});
