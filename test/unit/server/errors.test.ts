import { expect } from 'chai';
import { ApiError, ERRORS, errorBody } from '../../../server/http/errors.js';

describe('server/http/errors', () => {
  it('gives every code a 4xx/5xx status and a description', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).to.be.within(400, 599);
      expect(e.doc, code).to.be.a('string').that.is.not.empty;
      expect(code, code).to.match(/^[a-z_]+$/);
    }
  });
  it('ApiError takes its status from the table; errorBody has the documented shape', () => {
    const e = new ApiError('validation_failed', 'title: required', { field: 'title' });
    expect(e.status).to.equal(400);
    expect(errorBody(e.code, e.message, e.extra)).to.deep.equal({ error: { code: 'validation_failed', message: 'title: required', field: 'title' } });
  });
});
