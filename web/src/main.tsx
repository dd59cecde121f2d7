import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CouncilPage } from './council-page';
import { CouncilsPage } from './councils-list';
import { Link, parseRoute, setNavigate, type Route } from './router';
import { TimelinePage } from './timeline-page';
import { VotingPage } from './voting-page';
import './style.css';

function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(new URL(location.href)));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(new URL(location.href)));
    addEventListener('popstate', onPop);
    setNavigate((to, push = true) => {
      const url = new URL(to, location.origin);
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      setRoute(parseRoute(url));
    });
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string, push?: boolean) => {
    const url = new URL(to, location.origin);
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    setRoute(parseRoute(url));
  };
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
      {route.page === 'timeline' ? <TimelinePage route={route} navigate={navigate} /> : null}
      {route.page === 'voting' ? <VotingPage route={route} /> : null}
      {route.page === 'not-found' ? (
        <main id="main">
          <h1>Not found</h1>
          <p>
            Nothing lives at {route.path}. <Link href="/">All councils</Link>
          </p>
        </main>
      ) : null}
    </>
  );
}

render(<App />, document.getElementById('app')!);
