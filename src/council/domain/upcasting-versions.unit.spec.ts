import { SCHEMA_VERSION } from './events';
import { StoredEvent, upcast } from './upcasting';

function stored(type: string, data: Record<string, unknown>, metadata?: unknown): StoredEvent {
  return { id: '00000000-0000-4000-8000-000000000002', type, data, metadata, revision: 3n, position: 9n, recordedAt: new Date(0) };
}

/** Which events the registered upcaster (MotionTabled@1: the motion's mode) applies to, by their stated schema version. */
describe('upcast: the schema version an event states', () => {
  const motion = { motionId: 'm', title: 't', kind: 'procedural', openedOn: '2013-01-01', online: true };

  it('an event without metadata or version is schema 1: a motion gets its mode from its online flag', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(upcast(stored('MotionTabled', motion))?.data).toEqual({ ...motion, mode: 'online' });
    expect(upcast(stored('MotionTabled', motion, { source: { title: 'minutes' } }))?.data).toEqual({ ...motion, mode: 'online' });
    expect(upcast(stored('MotionTabled', { ...motion, online: undefined, meetingId: 'mt' }, { schemaVersion: '2' }))?.data).toMatchObject({ mode: 'meeting' });
  });

  it('an event of schema 2 is read as written: no mode is added to a motion that has none', () => {
    const event = upcast(stored('MotionTabled', motion, { schemaVersion: 2, correlationId: 'c' }));
    expect(event?.data).toEqual(motion);
    expect(event?.metadata).toEqual({ schemaVersion: 2, correlationId: 'c' });
    expect(event).toMatchObject({ id: '00000000-0000-4000-8000-000000000002', type: 'MotionTabled', revision: 3n, position: 9n });
  });

  it('an event of schema 1 of a type without an upcaster keeps its data and is marked schema 2', () => {
    const event = upcast(stored('MemberLeft', { memberId: 'a', leftOn: '2013-07' }, { schemaVersion: 1 }));
    expect(event?.data).toEqual({ memberId: 'a', leftOn: '2013-07' });
    expect(event?.metadata.schemaVersion).toBe(2);
  });
});
