import { useEffect } from 'preact/hooks';
import { ROLE_LABELS } from '../../protocol/vocabulary.ts';
import { bw } from '../briefing-words.ts';
import { applyUpColour, setUpColour, upColour } from '../colour.ts';
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

/** Up = green or up = red; the default follows the language until the reader picks one. */
function UpColourSetting() {
  return (
    <select
      class="up-colour small"
      aria-label={bw.value.upColourHint}
      title={bw.value.upColourHint}
      value={upColour.value}
      onChange={(e) => setUpColour((e.currentTarget as HTMLSelectElement).value === 'red' ? 'red' : 'green')}
    >
      <option value="green">{bw.value.upGreen}</option>
      <option value="red">{bw.value.upRed}</option>
    </select>
  );
}

export function Topbar() {
  const user = me.value!;
  useEffect(() => applyUpColour(), []);
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
        <UpColourSetting />
        {user.role === 'admin' && (
          <button type="button" class="link" onClick={() => (view.value = view.value === 'admin' ? 'chat' : 'admin')}>
            {t.value.admin}
          </button>
        )}
        <span class="who muted">
          {user.username} · {ROLE_LABELS[user.role][lang.value]}
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
