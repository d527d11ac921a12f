import { commitDelete } from '../deletion.ts';
import { lang, setLang, t } from '../i18n.ts';
import { logOut, me, sidebarOpen, view } from '../model.ts';
import { SIDEBAR_ID } from './Sidebar.tsx';

/** Skip link: the question box is the page's main control. Not href-driven, since the hash is the router. */
function SkipLink() {
  return (
    // biome-ignore lint/a11y/useValidAnchor: a skip link is a link to a place; the handler spares the hash router
    <a
      class="skip"
      href="#composer"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('composer')?.focus();
      }}
    >
      {t.value.skipToComposer}
    </a>
  );
}

export function Topbar() {
  const user = me.value!;
  return (
    <header class="topbar">
      {view.value === 'chat' && <SkipLink />}
      <button
        type="button"
        class="icon menu"
        aria-label={t.value.menu}
        aria-expanded={sidebarOpen.value}
        aria-controls={SIDEBAR_ID}
        onClick={() => (sidebarOpen.value = !sidebarOpen.value)}
      >
        ☰
      </button>
      <strong class="brand">{t.value.appName}</strong>
      <span class="spacer" />
      <nav class="account" aria-label={t.value.mainNav}>
        <button
          type="button"
          class="link lang"
          lang={lang.value === 'zh' ? 'en' : 'zh-CN'}
          onClick={() => setLang(lang.value === 'zh' ? 'en' : 'zh')}
        >
          {t.value.language}
        </button>
        {user.role === 'admin' && (
          <button type="button" class="link" onClick={() => (view.value = view.value === 'admin' ? 'chat' : 'admin')}>
            {t.value.admin}
          </button>
        )}
        <span class="who muted">
          {user.username} · {user.role}
        </span>
        <button
          type="button"
          class="link"
          onClick={async () => {
            await commitDelete(); // after logging out the DELETE would be refused
            await logOut();
          }}
        >
          {t.value.logOut}
        </button>
      </nav>
    </header>
  );
}
