// A job's recorded error (issue 16.4): the problem in words, never a server path.
import { expect } from 'chai';
import { jobErrorMessage, shownJobError, withoutPaths } from '../../../../server/jobs/job-error.js';
import { TranscodeError } from '../../../../transcoder/index.js';

describe('job errors without server paths', () => {
  it('drops "<path>: " prefixes and replaces other absolute paths, keeping the words', () => {
    expect(withoutPaths('ffmpeg exited with code 1: /srv/podium/uploads/p/j.source: Invalid data found when processing input')).to.equal(
      'ffmpeg exited with code 1: Invalid data found when processing input',
    );
    expect(withoutPaths("ENOENT: no such file or directory, open '/srv/podium/uploads/p/j.source'")).to.equal("ENOENT: no such file or directory, open '(file)'");
    expect(withoutPaths('see file:///srv/podium/x.json, then (/tmp/a b)')).to.equal('see (file), then ((file) b)');
    // not paths: fractions, "and/or", a lone slash
    expect(withoutPaths('1/2 of it and/or a / b')).to.equal('1/2 of it and/or a / b');
  });

  it('a TranscodeError: what failed, the problem for its code, the detail without the file', () => {
    const err = new TranscodeError('not_media', '/srv/podium/uploads/p/j.source', 'no usable audio stream (/srv/podium/uploads/p/j.source: Invalid data found when processing input)\nmore ffmpeg output');
    expect(jobErrorMessage(err, 'the audio could not be packaged')).to.equal(
      'the audio could not be packaged: the file is not a video or audio file that can be read (not_media) — no usable audio stream (Invalid data found when processing input)',
    );
  });

  it('any other error: its message without paths, capped; a stored error is cleaned on the way out', () => {
    expect(jobErrorMessage(new Error('cannot open /srv/podium/media/p/r/manifest.json'))).to.equal('cannot open (file)');
    expect(jobErrorMessage(new Error('x'.repeat(2000))).length).to.equal(500);
    expect(jobErrorMessage('/only/a/path')).to.equal('(file)');
    expect(shownJobError(null)).to.equal(null);
    expect(shownJobError('the audio could not be packaged (not_media): /srv/podium/uploads/p/j.source: Invalid data')).to.equal('the audio could not be packaged (not_media): Invalid data');
  });
});
