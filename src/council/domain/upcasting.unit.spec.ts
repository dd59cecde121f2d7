import { SCHEMA_VERSION } from './events';
import { StoredEvent, UPCASTERS, upcast } from './upcasting';

function recorded(type: string, data: unknown, metadata: Record<string, unknown>): StoredEvent {
  return { id: '00000000-0000-4000-8000-000000000001', type, data, metadata, revision: 0n, position: 1n, recordedAt: new Date(0) };
}

describe('upcasting', () => {
  const registered = { ...UPCASTERS };
  afterEach(() => {
    for (const key of Object.keys(UPCASTERS)) delete UPCASTERS[key];
    Object.assign(UPCASTERS, registered);
  });

  it('reads an event of the current schema version unchanged', () => {
    const event = upcast(recorded('MemberLeft', { memberId: 'a', leftOn: '2013-07' }, { schemaVersion: SCHEMA_VERSION }));
    expect(event).toMatchObject({ type: 'MemberLeft', data: { memberId: 'a', leftOn: '2013-07' }, position: 1n });
  });

  it('ignores events that are not council facts (e.g. access tokens)', () => {
    expect(upcast(recorded('TokenIssued', {}, {}))).toBeUndefined();
  });

  it('applies the registered upcasters in version order to an event written with an older schema', () => {
    // Pretend the current schema is two versions ahead of what was written: v0 → v1 is registered.
    UPCASTERS[`MemberLeft@${SCHEMA_VERSION - 1}`] = (data) => ({ ...data, leftOn: data.date, date: undefined });
    const event = upcast(recorded('MemberLeft', { memberId: 'a', date: '2013-07' }, { schemaVersion: SCHEMA_VERSION - 1 }));
    expect(event?.data).toEqual({ memberId: 'a', leftOn: '2013-07', date: undefined });
    expect(event?.metadata.schemaVersion).toBe(SCHEMA_VERSION);
  });
});
