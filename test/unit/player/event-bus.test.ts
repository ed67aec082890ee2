import { expect } from 'chai';
import { EventBus } from '../../../player/src/core/event-bus.js';

interface TestEvents {
  level: (info: { height: number }) => void;
  done: () => void;
}

describe('player event bus', () => {
  it('delivers typed payloads and stops after off()', () => {
    const bus = new EventBus<TestEvents>();
    const heights: number[] = [];
    const onLevel = (info: { height: number }) => heights.push(info.height);
    bus.on('level', onLevel);
    bus.emit('level', { height: 720 });
    bus.off('level', onLevel);
    bus.emit('level', { height: 1080 });
    expect(heights).to.deep.equal([720]);
    expect(bus.listenerCount('level')).to.equal(0);
  });

  it('lets a listener remove itself while the event is being delivered', () => {
    const bus = new EventBus<TestEvents>();
    let calls = 0;
    const once = () => {
      calls += 1;
      bus.off('done', once);
    };
    bus.on('done', once);
    bus.on('done', () => (calls += 10));
    bus.emit('done');
    bus.emit('done');
    expect(calls).to.equal(21);
  });
});
