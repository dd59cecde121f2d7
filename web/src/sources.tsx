/** Where a fact came from: the events behind an entity, each with its source and when it was recorded. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getAll, query, type RecordedEvent, type Source } from './api';
import { eventLabel, instantText, stripWiki } from './plain';
import { When } from './when';

/** The entity an event is about, e.g. `member:oleg-shein`, `meeting:meeting-04`, `motion:m02-…`. */
export function entityKey(event: RecordedEvent, byId: Map<string, RecordedEvent>): string | undefined {
  const d = event.data;
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  if (s('motionId')) return `motion:${s('motionId')}`;
  if (s('meetingId')) return `meeting:${s('meetingId')}`;
  if (/^Officer/.test(event.type) && s('role')) return `officer:${s('role')}`;
  if (s('workingGroupId')) return `working-group:${s('workingGroupId')}`;
  if (s('votingId')) return `voting:${s('votingId')}`;
  if (s('electionId') && /^Election/.test(event.type)) return `election:${s('electionId')}`;
  if (s('groupId') && /^Group/.test(event.type)) return `group:${s('groupId')}`;
  if (s('memberId')) return `member:${s('memberId')}`;
  if (/^Council/.test(event.type)) return 'council';
  // A correction is about whatever the event it corrects is about.
  const target = s('eventId') ?? s('correctedEventId') ?? s('targetEventId');
  const corrected = target ? byId.get(target) : undefined;
  return corrected ? entityKey(corrected, byId) : undefined;
}

export interface EventIndex {
  byKey: Map<string, RecordedEvent[]>;
  byId: Map<string, RecordedEvent>;
}

const cache = new Map<string, Promise<EventIndex>>();

/** The council's recorded events (the audit view), fetched once per council and record position. */
export function loadEventIndex(councilId: string, minPosition?: string): Promise<EventIndex> {
  const key = `${councilId}@${minPosition ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const byId = new Map<string, RecordedEvent>();
      const byKey = new Map<string, RecordedEvent[]>();
      let after: string | undefined;
      // Follows Link rel="next" when the service pages; otherwise pages on by position.
      for (;;) {
        let last: RecordedEvent | undefined;
        let count = 0;
        let followedLink = false;
        await getAll<RecordedEvent>(`/councils/${encodeURIComponent(councilId)}/events${query({ after, limit: 1000, minPosition })}`, {
          onPage: (items) => {
            followedLink = count > 0;
            count += items.length;
            for (const e of items) byId.set(e.eventId, e);
            last = items[items.length - 1] ?? last;
          },
        });
        if (followedLink || count < 1000 || !last) break;
        after = (last as RecordedEvent).position;
      }
      for (const e of byId.values()) {
        const k = entityKey(e, byId);
        if (!k) continue;
        const list = byKey.get(k) ?? [];
        list.push(e);
        byKey.set(k, list);
      }
      return { byKey, byId };
    })();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

function eventDate(e: RecordedEvent): string | undefined {
  for (const k of ['date', 'electedOn', 'leftOn', 'openedOn', 'decidedOn', 'from', 'to', 'formedOn', 'foundedOn', 'dissolvedOn', 'heldOn']) {
    if (typeof e.data[k] === 'string') return e.data[k] as string;
  }
  return undefined;
}

/** A voting's bulletin (the API's JSON) is read on the voting's own page, which also finds a ballot by its receipt. */
function pageOf(url: string): string {
  const m = /^\/api\/votings\/([^/?#]+)\/bulletin$/.exec(url);
  return m ? `/votings/${m[1]}` : url;
}

export function SourceView(props: { source?: Source | null }) {
  const s = props.source;
  if (!s || (!s.title && !s.quote && !s.locator)) return <p class="muted">No source was given with this fact.</p>;
  return (
    <div class="source">
      <p>
        <strong>{s.url ? <a href={pageOf(s.url)} rel="noreferrer">{stripWiki(s.title) || s.url}</a> : stripWiki(s.title)}</strong>
        {s.url && pageOf(s.url) !== s.url ? (
          <>
            {' '}
            <a href={s.url} class="muted">(the bulletin as JSON)</a>
          </>
        ) : null}
        {s.locator ? <span class="muted"> — {stripWiki(s.locator)}</span> : null}
      </p>
      {s.quote ? <blockquote>{stripWiki(s.quote)}</blockquote> : null}
    </div>
  );
}

interface SourcesRequest {
  councilId: string;
  entity: string;
  label: string;
  minPosition?: string;
}
let showSources: ((r: SourcesRequest) => void) | undefined;

/**
 * A button that opens the facts recorded about one entity, with their sources. Only a button: the dialog
 * is one for the whole page (SourcesDialogHost), so a long table carries no state per row.
 */
export function SourcesButton(props: SourcesRequest) {
  return (
    <button type="button" class="link-button" onClick={() => showSources?.(props)} aria-haspopup="dialog">
      source<span class="visually-hidden"> of {props.label}</span>
    </button>
  );
}

/** The page's one sources dialog, opened by any SourcesButton. */
export function SourcesDialogHost() {
  const [request, setRequest] = useState<SourcesRequest | undefined>();
  useEffect(() => {
    showSources = (r) => setRequest({ ...r });
    return () => {
      showSources = undefined;
    };
  }, []);
  return request ? <SourcesDialog key={`${request.councilId}|${request.entity}|${request.label}`} request={request} onClose={() => setRequest(undefined)} /> : null;
}

function SourcesDialog(props: { request: SourcesRequest; onClose: () => void }) {
  const { councilId, entity, label, minPosition } = props.request;
  const dialog = useRef<HTMLDialogElement>(null);
  const [events, setEvents] = useState<RecordedEvent[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    dialog.current?.showModal();
    loadEventIndex(councilId, minPosition)
      .then((index) => setEvents(index.byKey.get(entity) ?? []))
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <dialog ref={dialog} class="sources" aria-label={`Sources of ${label}`} onClose={props.onClose}>
      <h3>Sources of {label}</h3>
      {error ? <p role="alert">Could not load the record: {error}</p> : null}
      {!events && !error ? <p>Loading the record…</p> : null}
      {events && events.length === 0 ? <p>No recorded event names this fact.</p> : null}
      <ol>
        {events?.map((e) => (
          <li key={e.eventId}>
            <p>
              <strong>{eventLabel(e.type)}</strong> {eventDate(e) ? <>dated <When value={eventDate(e)} /></> : null}
              <span class="muted"> — recorded {instantText(e.recordedAt)} at position {e.position}</span>
            </p>
            <SourceView source={e.metadata?.source} />
            {typeof e.data.note === 'string' ? <p class="note">Note: {e.data.note}</p> : null}
          </li>
        ))}
      </ol>
      <form method="dialog">
        <button>Close</button>
      </form>
    </dialog>
  );
}
