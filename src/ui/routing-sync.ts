// Keeps the address and the shown view in step, both ways: a changed address (back, forward, an edited hash,
// a reload) opens its view, and a view opened by a click gets its address as a new history entry.
import { effect } from '@preact/signals';
import { openHistory } from './history.ts';
import {
  currentId,
  followAddress,
  me,
  newChat,
  openConversation,
  openShared,
  pageError,
  shared,
  view,
} from './model.ts';
import { hashOf, parseRoute, type Route, routeOfState, type ShownState, showsRoute } from './routing.ts';

function shown(): ShownState {
  return {
    view: view.value,
    currentId: currentId.value,
    pinned: shared.value !== null || pageError.value !== null,
  };
}

/** Opens the view the address names, unless it is already shown. */
export async function followRoute(r: Route): Promise<void> {
  if (showsRoute(shown(), r)) return;
  switch (r.kind) {
    case 'share':
      return openShared(r.token);
    case 'conversation':
      return openConversation(r.id);
    case 'history':
      pageError.value = null;
      shared.value = null;
      return openHistory();
    case 'admin':
      if (me.value?.role === 'admin') {
        pageError.value = null;
        shared.value = null;
        view.value = 'admin';
      } else {
        // Not an admin's page: the overview, without leaving the refused address to go back to.
        history.replaceState(null, '', location.pathname + location.search);
        newChat();
      }
      return;
    case 'home':
      return newChat();
  }
}

const here = () => parseRoute(location.pathname, location.hash);

/** Writes the shown view's address, as a new history entry, when it differs from the one in the bar. */
function writeAddress(): void {
  if (!me.value) return;
  const r = routeOfState(shown());
  const want = r && hashOf(r);
  if (want === null || want === undefined || location.pathname.startsWith('/share/')) return;
  const has = location.hash === '#' ? '' : location.hash;
  if (has === want) return;
  if (want === '') history.pushState(null, '', location.pathname + location.search);
  else location.hash = want;
}

/**
 * Starts following the address; returns the function that stops. Until the first address has been followed
 * (after the session check or the login), nothing is written, so a reload keeps the address it came with.
 */
export function installRouting(): () => void {
  let ready = false;
  let queued = false;
  followAddress.current = async () => {
    try {
      await followRoute(here());
    } finally {
      ready = true;
    }
  };
  // Back and forward fire both popstate and hashchange: one follow per address.
  let inFlight: string | null = null;
  const onChange = () => {
    const r = here();
    const key = JSON.stringify(r);
    if (!me.value || key === inFlight) return;
    inFlight = key;
    void followRoute(r).finally(() => {
      if (inFlight === key) inFlight = null;
    });
  };
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  const stopEffect = effect(() => {
    // Read the signals here so the effect re-runs on their changes; write once they have settled.
    void [view.value, currentId.value, shared.value, pageError.value, me.value];
    if (!ready || queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      writeAddress();
    });
  });
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
    stopEffect();
  };
}
