// The address bar as the app's page: every view has its own address, so the browser's back and forward move
// between the overview, conversations, the history page and the admin page, and a reload reopens the same view.
//   (empty)        the overview and a new chat
//   #/c/<id>       one of the user's conversations (or the page saying why it cannot be opened)
//   #/history      the history page
//   #/admin        the admin page (admins only; others land on the overview)
//   /share/<token> a read-only shared conversation (a path, not a hash: the link is given out)
// The pure part (reading and writing addresses) is apart from the part that reads and sets the signals.

export type Route =
  | { kind: 'home' }
  | { kind: 'conversation'; id: string }
  | { kind: 'history' }
  | { kind: 'admin' }
  | { kind: 'share'; token: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The view an address names; anything unknown is the overview. */
export function parseRoute(pathname: string, hash: string): Route {
  const token = /^\/share\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname)?.[1];
  if (token) return { kind: 'share', token };
  const h = hash.replace(/^#/, '').replace(/\/$/, '');
  if (h === '/history') return { kind: 'history' };
  if (h === '/admin') return { kind: 'admin' };
  const id = /^\/c\/(.+)$/.exec(h)?.[1];
  if (id && ID.test(id)) return { kind: 'conversation', id };
  return { kind: 'home' };
}

/** The hash of an in-app view ('' for the overview); null for a share link, which has its own path. */
export function hashOf(r: Route): string | null {
  switch (r.kind) {
    case 'home':
      return '';
    case 'conversation':
      return `#/c/${r.id}`;
    case 'history':
      return '#/history';
    case 'admin':
      return '#/admin';
    case 'share':
      return null;
  }
}

/** What the app shows, as far as its address goes. */
export interface ShownState {
  view: 'chat' | 'admin' | 'history';
  currentId: string | null;
  /** A share link's conversation, or a page saying why a link cannot be opened: their address stays as it is. */
  pinned: boolean;
}

/** The route of what is shown; null when the address must stay as it is. */
export function routeOfState(s: ShownState): Route | null {
  if (s.pinned) return null;
  if (s.view === 'history') return { kind: 'history' };
  if (s.view === 'admin') return { kind: 'admin' };
  return s.currentId ? { kind: 'conversation', id: s.currentId } : { kind: 'home' };
}

/** Whether what is shown is already the route (so following the address would do nothing). */
export function showsRoute(s: ShownState, r: Route): boolean {
  const mine = routeOfState(s);
  if (!mine) return false;
  return hashOf(mine) === hashOf(r);
}
