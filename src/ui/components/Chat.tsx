// The conversation pane. A new turn brings its question to the top of the pane and the view stays there
// while the answer streams below it, so the first thing read is the answer's opening, not its last table.
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { lang, t } from '../i18n.ts';
import { ask, busy, current, me, messages, pageError, shared } from '../model.ts';
import { Fragment } from 'preact';
import { Answer } from './Answer.tsx';
import { AnswerStar } from './AnswerStar.tsx';
import { EditedNote, InputChips } from './InputChips.tsx';
import { Composer } from './Composer.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Overview } from './Overview.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { SharedHeader } from './SharedHeader.tsx';
import { EditableQuestion } from './TurnControls.tsx';

function Empty() {
  return (
    <div class="empty">
      <Overview />
      <section class="starters" aria-labelledby="starters-h">
        <h2 id="starters-h">{t.value.starters}</h2>
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

/** Scrolls the latest question to the top of the pane, never further, until the reader scrolls themselves. */
function useTopOfAnswer(pane: { current: HTMLElement | null }) {
  const list = messages.value;
  const lastQuestion = list.findLast((m) => m.kind === 'user')?.id;
  const touched = useRef(false);
  useEffect(() => {
    touched.current = false;
  }, [lastQuestion]);
  // Before paint, so the new answer never flashes at the bottom first.
  useLayoutEffect(() => {
    const box = pane.current;
    const q = [...(box?.querySelectorAll<HTMLElement>('.msg.user') ?? [])].at(-1);
    if (!box || !q || touched.current) return;
    const target = box.scrollTop + q.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    box.scrollTop = Math.min(target, box.scrollHeight - box.clientHeight);
  }, [lastQuestion, list[list.length - 1]]);
  return () => (touched.current = true);
}

function ConvTools() {
  const conv = current.value;
  const mine = conv !== null && conv.ownerId === String(me.value?.id);
  if (!conv) return null;
  return (
    <div class="conv-tools">
      {mine && <ShareDialog c={conv} />}
      {/* Every reader may export (a viewer's file leaves the SQL out, server-side); the labels and file name are
          in the UI language, and the print view has the title, author and dates. */}
      <a class="small" href={`/api/conversations/${conv.id}/export?format=md&lang=${lang.value}`} download>
        {t.value.exportMd}
      </a>
      <a
        class="small"
        href={`/api/conversations/${conv.id}/export?format=html&lang=${lang.value}`}
        target="_blank"
        rel="noopener"
      >
        {t.value.print}
      </a>
    </div>
  );
}

export function Chat({ inert }: { inert: boolean }) {
  const pane = useRef<HTMLElement>(null);
  const touch = useTopOfAnswer(pane);
  const list = messages.value;
  const readOnly = shared.value !== null;
  const blocked = pageError.value;
  let question = '';
  return (
    <main class="chat" inert={inert}>
      <h1 class="visually-hidden">{shared.value?.conversation.title ?? current.value?.title ?? t.value.newChat}</h1>
      {!readOnly && <ConvTools />}
      <section
        class="messages"
        ref={pane}
        aria-label={t.value.messagesLabel}
        onWheel={touch}
        onTouchMove={touch}
        onPointerDown={touch}
        onKeyDown={touch}
      >
        {blocked && <NotFoundPage reason={blocked} />}
        {shared.value && <SharedHeader s={shared.value} />}
        {list.length === 0 && !blocked && !readOnly && <Empty />}
        {list.map((m, i) => {
          if (m.kind === 'user') {
            question = m.text;
            // A re-run by a chip asks the same question with other inputs: its bubble says what changed.
            const next = list[i + 1];
            const edited = next?.kind === 'assistant' ? next.edited : undefined;
            return (
              <div key={m.id} class="msg user">
                {edited ? <EditedNote edited={edited} /> : <EditableQuestion text={m.text} readOnly={readOnly} />}
              </div>
            );
          }
          const n = list.slice(0, i + 1).filter((x) => x.kind === 'assistant').length;
          return (
            <Fragment key={m.id}>
              <Answer m={m} question={question} last={i === list.length - 1} readOnly={readOnly} />
              {!readOnly && <AnswerStar m={m} n={n} />}
              {!readOnly && <InputChips m={m} n={n} />}
            </Fragment>
          );
        })}
      </section>
      {!readOnly && <Composer />}
    </main>
  );
}
