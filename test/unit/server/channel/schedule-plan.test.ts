// The pure part of a schedule write (server/channel/schedule-plan.ts): chained starts, overlap
// detection against the previous entry and the kept ones before and after the write, the range a
// write replaces, and the ETag form.
import { expect } from 'chai';
import { ChannelError } from '../../../../server/channel/errors.js';
import { assertAfterKept, assertBeforeNext, assertInRange, clampToRange, planEntries, scheduleEtag, versionOfEtag } from '../../../../server/channel/schedule-plan.js';

const T0 = Date.parse('2026-07-24T18:00:00.000Z');
const at = (sec: number) => new Date(T0 + sec * 1000);
const durations: Record<string, number> = { a: 600_000, b: 90_500, c: 1_234 };
const durationMs = (id: string) => durations[id]!;

function refusal(fn: () => unknown): ChannelError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ChannelError);
    return err as ChannelError;
  }
  throw new Error('expected a ChannelError');
}

describe('channel/schedule-plan', () => {
  it('chains an entry without start to the previous end, to the millisecond', () => {
    const plan = planEntries([{ programmeId: 'a', start: at(0) }, { programmeId: 'b' }, { programmeId: 'c' }, { programmeId: 'a', start: at(3600) }], durationMs);
    expect(plan.map((e) => [e.programmeId, e.start.toISOString(), e.end.toISOString()])).to.deep.equal([
      ['a', at(0).toISOString(), at(600).toISOString()],
      ['b', at(600).toISOString(), at(690.5).toISOString()],
      ['c', at(690.5).toISOString(), at(691.734).toISOString()],
      ['a', at(3600).toISOString(), at(4200).toISOString()],
    ]);
    expect(plan[0]!.alternatives).to.deep.equal({});
  });

  it('keeps alternatives as given', () => {
    const [e] = planEntries([{ programmeId: 'a', start: at(0), alternatives: { CN: 'b', HK: null } }], durationMs);
    expect(e!.alternatives).to.deep.equal({ CN: 'b', HK: null });
  });

  it('accepts an entry that starts exactly where the previous one ends, and a gap', () => {
    expect(planEntries([{ programmeId: 'a', start: at(0) }, { programmeId: 'b', start: at(600) }, { programmeId: 'c', start: at(5000) }], durationMs)).to.have.length(3);
  });

  it('refuses a first entry without start, naming entries.0.start', () => {
    const err = refusal(() => planEntries([{ programmeId: 'a' }], durationMs));
    expect([err.code, err.field]).to.deep.equal(['invalid', 'entries.0.start']);
  });

  it('refuses an entry that starts before the previous one ends (or before it starts), naming it', () => {
    for (const start of [at(599.999), at(-10), at(0)]) {
      const err = refusal(() => planEntries([{ programmeId: 'a', start: at(0) }, { programmeId: 'b' }, { programmeId: 'c', start }], durationMs));
      expect([err.code, err.field]).to.deep.equal(['invalid', 'entries.2.start']);
    }
  });

  it('refuses a first entry that starts before the kept entry before it ends', () => {
    assertAfterKept(planEntries([{ programmeId: 'a', start: at(100) }], durationMs), { end: at(100) });
    assertAfterKept([], { end: at(100) });
    assertAfterKept(planEntries([{ programmeId: 'a', start: at(0) }], durationMs), null);
    const err = refusal(() => assertAfterKept(planEntries([{ programmeId: 'a', start: at(99.999) }], durationMs), { end: at(100) }));
    expect(err.field).to.equal('entries.0.start');
    expect(err.message).to.contain('stored schedule');
  });

  it('refuses starts and ends outside 1970 … 9000 (PostgreSQL has no year 0)', () => {
    for (const start of [new Date('0000-01-01T00:00:00Z'), new Date('1969-12-31T23:59:59.999Z'), new Date('9000-01-01T00:00:00Z'), new Date('8999-12-31T23:59:00Z')]) {
      const err = refusal(() => planEntries([{ programmeId: 'a', start }], durationMs));
      expect(err.field, start.toISOString()).to.equal('entries.0.start');
    }
    expect(clampToRange(new Date('0000-01-01T00:00:00Z')).toISOString()).to.equal('1970-01-01T00:00:00.000Z');
    expect(clampToRange(new Date('9999-01-01T00:00:00Z')).toISOString()).to.equal('9000-01-01T00:00:00.000Z');
  });

  it('a range [from, to): the first entry not before from, none starting at or after to; to needs from and must follow it', () => {
    const planned = planEntries([{ programmeId: 'b', start: at(0) }, { programmeId: 'b' }], durationMs);
    assertInRange(planned, {});
    assertInRange(planned, { from: at(0), to: at(90.6) });
    expect(refusal(() => assertInRange(planned, { from: at(1) })).field).to.equal('entries.0.start');
    expect(refusal(() => assertInRange(planned, { from: at(0), to: at(90.5) })).field).to.equal('entries.1.start');
    expect(refusal(() => assertInRange(planned, { to: at(100) })).field).to.equal('to');
    expect(refusal(() => assertInRange([], { from: at(10), to: at(10) })).field).to.equal('to');
  });

  it('refuses a last entry that ends after the kept entry after the write begins, naming it', () => {
    const planned = planEntries([{ programmeId: 'b', start: at(0) }, { programmeId: 'b' }], durationMs);
    assertBeforeNext(planned, { start: at(181) });
    assertBeforeNext(planned, null);
    assertBeforeNext([], { start: at(0) });
    expect(refusal(() => assertBeforeNext(planned, { start: at(180.999) })).field).to.equal('entries.1.start');
  });

  it('an empty write plans nothing', () => {
    expect(planEntries([], durationMs)).to.deep.equal([]);
  });

  it('ETags: "v<version>", read back strong or weak, anything else names no version', () => {
    expect(scheduleEtag(7)).to.equal('"v7"');
    expect(versionOfEtag('"v7"')).to.equal(7);
    expect(versionOfEtag(' W/"v12" ')).to.equal(12);
    for (const bad of ['v7', '"7"', '*', '"v-1"', '"v7", "v8"', '"v1234567890"']) expect(versionOfEtag(bad), bad).to.equal(null);
  });
});
