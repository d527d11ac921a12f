import { useSignal } from '@preact/signals';
import { setLang, lang, t } from '../i18n.ts';
import { logIn } from '../model.ts';

export function Login() {
  const username = useSignal('');
  const password = useSignal('');
  const error = useSignal<string | null>(null);
  const pending = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    pending.value = true;
    error.value = null;
    try {
      await logIn(username.value, password.value);
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      pending.value = false;
    }
  };
  return (
    <main class="login">
      <form class="login-card" onSubmit={submit}>
        <h1>{t.value.appName}</h1>
        <p class="muted">{t.value.tagline}</p>
        <label>
          {t.value.username}
          <input
            name="username"
            autocomplete="username"
            required
            value={username.value}
            onInput={(e) => (username.value = e.currentTarget.value)}
          />
        </label>
        <label>
          {t.value.password}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </label>
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="primary" disabled={pending.value}>
          {t.value.logIn}
        </button>
        <button
          type="button"
          class="link"
          lang={lang.value === 'zh' ? 'en' : 'zh-CN'}
          onClick={() => setLang(lang.value === 'zh' ? 'en' : 'zh')}
        >
          {t.value.language}
        </button>
      </form>
    </main>
  );
}
