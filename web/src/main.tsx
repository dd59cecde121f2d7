import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CouncilPage } from './council-page';
import { CouncilsPage } from './councils-list';
import { MemberPage } from './member-page';
import { Link, parseRoute, setNavigate, type Route } from './router';
import { RecordPage } from './secretary';
import { SourcesDialogHost } from './sources';
import { TimelinePage } from './timeline-page';
import { VotingPage } from './voting-page';
import './style.css';

function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(new URL(location.href)));
  // One way to move: the URL first (so every view can be cited), then the view; a new page starts at its top.
  const go = (to: string, push = true) => {
    const url = new URL(to, location.origin);
    const newPage = url.pathname !== location.pathname;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    setRoute(parseRoute(url));
    if (newPage) scrollTo(0, 0);
  };
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(new URL(location.href)));
    addEventListener('popstate', onPop);
    setNavigate(go);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string, push?: boolean) => go(to, push ?? false);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site">
        <Link href="/" class="brand">
          council-record
        </Link>
        <span class="tagline">a council at any date, as the record stood at any time</span>
        <a href="/api/docs" class="api-link">
          API
        </a>
      </header>
      {route.page === 'councils' ? <CouncilsPage /> : null}
      {route.page === 'council' ? <CouncilPage route={route} navigate={navigate} /> : null}
      {route.page === 'member' ? <MemberPage route={route} /> : null}
      {route.page === 'timeline' ? <TimelinePage route={route} navigate={navigate} /> : null}
      {route.page === 'voting' ? <VotingPage route={route} /> : null}
      {route.page === 'record' ? <RecordPage route={route} /> : null}
      <SourcesDialogHost />
      {route.page === 'not-found' ? (
        <main id="main">
          <h1>Not found</h1>
          <p role="alert">
            Nothing lives at {route.path}. <Link href="/">All councils</Link>
          </p>
        </main>
      ) : null}
    </>
  );
}

const root = document.getElementById('app')!;
// The HTML placeholder (shown while this script loaded) gives way to the explorer.
root.replaceChildren();
render(<App />, root);
