import { useEffect, useRef } from 'preact/hooks';
import { lang, setLang, t } from '../i18n.ts';
import { ask, busy, current, checkSession, logOut, me, messages, seesSql, sidebarOpen, view } from '../model.ts';
import { Admin } from './Admin.tsx';
import { Answer } from './Answer.tsx';
import { Composer } from './Composer.tsx';
import { Login } from './Login.tsx';
import { Overview } from './Overview.tsx';
import { Sidebar } from './Sidebar.tsx';

function Empty() {
  return (
    <div class="empty">
      <Overview />
      <section class="starters">
        <h2>{t.value.starters}</h2>
        <div class="chips">
          {t.value.starterQuestions.map((q) => (
            <button type="button" key={q} class="chip" disabled={busy.value} onClick={() => void ask(q)}>
              {q}
            </button>
          ))}
        </div>
      </section>
    </div>
  );
}

function Chat() {
  const end = useRef<HTMLDivElement>(null);
  const list = messages.value;
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [list.length, list[list.length - 1]]);
  const conv = current.value;
  return (
    <main class="chat">
      {conv && seesSql.value && (
        <div class="conv-tools">
          <a class="small" href={`/api/conversations/${conv.id}/export?format=md`} download>
            {t.value.exportMd}
          </a>
          <button type="button" class="small" onClick={() => print()}>
            {t.value.print}
          </button>
        </div>
      )}
      <div class="messages" aria-live="polite">
        {list.length === 0 && <Empty />}
        {list.map((m, i) =>
          m.kind === 'user' ? (
            <div key={m.id} class="msg user">
              <p>{m.text}</p>
            </div>
          ) : (
            <Answer key={m.id} m={m} last={i === list.length - 1} />
          ),
        )}
        <div ref={end} />
      </div>
      <Composer />
    </main>
  );
}

export function App() {
  useEffect(() => void checkSession(), []);
  useEffect(() => {
    document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en';
  }, [lang.value]);
  if (me.value === undefined) return null;
  if (me.value === null) return <Login />;
  return (
    <div class="layout">
      <header class="topbar">
        <button
          type="button"
          class="icon menu"
          aria-label={t.value.conversations}
          onClick={() => (sidebarOpen.value = !sidebarOpen.value)}
        >
          ☰
        </button>
        <strong class="brand">{t.value.appName}</strong>
        <span class="spacer" />
        <button type="button" class="link lang" onClick={() => setLang(lang.value === 'zh' ? 'en' : 'zh')}>
          {t.value.language}
        </button>
        {me.value.role === 'admin' && (
          <button type="button" class="link" onClick={() => (view.value = view.value === 'admin' ? 'chat' : 'admin')}>
            {t.value.admin}
          </button>
        )}
        <span class="who muted">
          {me.value.username} · {me.value.role}
        </span>
        <button type="button" class="link" onClick={() => void logOut()}>
          {t.value.logOut}
        </button>
      </header>
      <Sidebar />
      {view.value === 'admin' && me.value.role === 'admin' ? <Admin /> : <Chat />}
    </div>
  );
}
