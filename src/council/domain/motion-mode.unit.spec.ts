import { SCHEMA_VERSION } from './events';
import { councilWithDepartures } from './fixtures';
import { GivenEvent, given, stateOf } from './given-when-then';
import { upcast } from './upcasting';

const meeting: GivenEvent = {
  type: 'MeetingHeld',
  id: 'meeting-1',
  data: {
    meetingId: 'meeting-1',
    date: '2012-12-16',
    kind: 'regular',
    presentCount: 34,
    membership: { certain: 45, uncertain: 0 },
    quorum: { rule: 'majority-of-members', required: 23, requiredIfAllUncertainIn: 23 },
    quorumCertain: true,
    outcomeBasis: 'attendance',
  },
};
const council = [...councilWithDepartures(0), meeting];

describe("a motion's mode: online, at a meeting, or unknown (issue 25)", () => {
  it('records the mode given', () => {
    given(council)
      .when({ kind: 'TableMotion', motionId: 'road', title: 'Road statement', openedOn: '2013-03-05', mode: 'unknown' })
      .then([{ type: 'MotionTabled', data: { motionId: 'road', mode: 'unknown', online: false } }]);
    given(council)
      .when({ kind: 'TableMotion', motionId: 'forum', title: 'Forum', openedOn: '2012-10-27/2013-03-06', mode: 'online' })
      .then([{ type: 'MotionTabled', data: { mode: 'online', online: true } }]);
  });

  it('without a mode: online: true is online, a motion at a meeting is at the meeting, anything else is unknown (never "not online")', () => {
    given(council).when({ kind: 'TableMotion', title: 'a', openedOn: '2013-03-05', online: true }).then([{ type: 'MotionTabled', data: { mode: 'online' } }]);
    given(council).when({ kind: 'TableMotion', title: 'b', openedOn: '2012-12-16', meetingId: 'meeting-1' }).then([{ type: 'MotionTabled', data: { mode: 'meeting', online: false } }]);
    given(council).when({ kind: 'TableMotion', title: 'c', openedOn: '2013-03-05' }).then([{ type: 'MotionTabled', data: { mode: 'unknown', online: false } }]);
    given(council).when({ kind: 'TableMotion', title: 'd', openedOn: '2013-03-05', online: false }).then([{ type: 'MotionTabled', data: { mode: 'unknown' } }]);
  });

  it('motion-mode-contradicts-online: a mode and an online flag that disagree are refused, naming both', () => {
    const outcome = given(council).when({ kind: 'TableMotion', title: 'x', openedOn: '2013-03-05', mode: 'meeting', online: true }).thenViolates('motion-mode-contradicts-online');
    expect((outcome.error as { violations: Array<{ figures: unknown }> }).violations[0].figures).toEqual({ mode: 'meeting', online: true });
  });

  it('the state holds the mode, for events of either schema', () => {
    const state = stateOf([
      ...council,
      { type: 'MotionTabled', data: { motionId: 'old-online', title: 'x', kind: 'statement', openedOn: '2013-03-05', online: true } },
      { type: 'MotionTabled', data: { motionId: 'new-unknown', title: 'y', kind: 'statement', openedOn: '2013-03-05', online: false, mode: 'unknown' } },
    ]);
    expect(state.motions.get('old-online')!.mode).toBe('online');
    expect(state.motions.get('new-unknown')!.mode).toBe('unknown');
  });

  it('upcasts schema-1 events: online: true → online, at a meeting → meeting, online: false elsewhere → unknown', () => {
    expect(SCHEMA_VERSION).toBe(2);
    const read = (data: Record<string, unknown>) =>
      upcast({ id: 'e', type: 'MotionTabled', data, metadata: { schemaVersion: 1 }, revision: 0n, position: 1n, recordedAt: new Date(0) })!.data as { mode: string };
    const base = { motionId: 'm', title: 't', kind: 'statement', openedOn: '2013-03-05' };
    expect(read({ ...base, online: true }).mode).toBe('online');
    expect(read({ ...base, online: false, meetingId: 'meeting-1' }).mode).toBe('meeting');
    expect(read({ ...base, online: false }).mode).toBe('unknown');
    // A schema-2 event keeps its own mode.
    const current = upcast({ id: 'e', type: 'MotionTabled', data: { ...base, online: false, mode: 'meeting' }, metadata: { schemaVersion: 2 }, revision: 0n, position: 1n, recordedAt: new Date(0) });
    expect((current!.data as { mode: string }).mode).toBe('meeting');
  });
});
