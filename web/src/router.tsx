/** A tiny router: the whole view state lives in the URL, so every view can be cited by its link. */
import type { ComponentChildren } from 'preact';

export type Route =
  | { page: 'councils' }
  | { page: 'council'; councilId: string; at?: string; knownAt?: string }
  | { page: 'member'; councilId: string; memberId: string; at?: string; knownAt?: string }
  | { page: 'timeline'; councilId: string; types?: string[]; from?: string; to?: string; knownAt?: string }
  | { page: 'record'; councilId: string; at?: string }
  | { page: 'voting'; votingId: string }
  | { page: 'not-found'; path: string };

export function parseRoute(url: URL): Route {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const q = url.searchParams;
  if (parts.length === 0) return { page: 'councils' };
  if (parts[0] === 'councils' && parts.length === 2) {
    return { page: 'council', councilId: parts[1], at: q.get('at') || undefined, knownAt: q.get('knownAt') || undefined };
  }
  if (parts[0] === 'councils' && parts.length === 4 && parts[2] === 'members') {
    return { page: 'member', councilId: parts[1], memberId: parts[3], at: q.get('at') || undefined, knownAt: q.get('knownAt') || undefined };
  }
  if (parts[0] === 'councils' && parts.length === 3 && parts[2] === 'record') return { page: 'record', councilId: parts[1], at: q.get('at') || undefined };
  if (parts[0] === 'councils' && parts.length === 3 && parts[2] === 'timeline') {
    const types = q.get('types');
    return {
      page: 'timeline',
      councilId: parts[1],
      types: types ? types.split(',').filter(Boolean) : undefined,
      from: q.get('from') || undefined,
      to: q.get('to') || undefined,
      knownAt: q.get('knownAt') || undefined,
    };
  }
  if (parts[0] === 'votings' && parts.length === 2) return { page: 'voting', votingId: parts[1] };
  return { page: 'not-found', path: url.pathname };
}

type Navigate = (to: string, push?: boolean) => void;
let navigateImpl: Navigate = (to) => location.assign(to);
export function setNavigate(n: Navigate): void {
  navigateImpl = n;
}
export function navigate(to: string, push = true): void {
  navigateImpl(to, push);
}

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; testid?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
      data-testid={props.testid}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.href, true);
      }}
    >
      {props.children}
    </a>
  );
}
