import { useEffect } from 'preact/hooks';
import { lang } from '../i18n.ts';
import { drawerModal } from '../media.ts';
import { checkSession, me, view } from '../model.ts';
import { Admin } from './Admin.tsx';
import { Chat } from './Chat.tsx';
import { History } from './History.tsx';
import { installRouting } from '../routing-sync.ts';
import { Login } from './Login.tsx';
import { Sidebar } from './Sidebar.tsx';
import { Toast } from './Toast.tsx';
import { Topbar } from './Topbar.tsx';

export function App() {
  // The address names the view (src/ui/routing.ts): followed once the session is known, then on every change.
  useEffect(() => {
    const stop = installRouting();
    void checkSession();
    return stop;
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en';
  }, [lang.value]);
  if (me.value === undefined) return null;
  if (me.value === null) return <Login />;
  // While the phone drawer is open everything behind it is inert: the drawer is the only thing to reach.
  const behind = drawerModal.value;
  return (
    <div class="layout">
      <div class="topbar-wrap" inert={behind}>
        <Topbar />
      </div>
      <Sidebar />
      {view.value === 'admin' && me.value.role === 'admin' ? (
        <Admin inert={behind} />
      ) : view.value === 'history' ? (
        <History inert={behind} />
      ) : (
        <Chat inert={behind} />
      )}
      <Toast />
    </div>
  );
}
