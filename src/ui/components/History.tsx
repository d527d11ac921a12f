// The history page: past conversations and kept answers, searched by text, date range and metric, a page at a
// time. Reached from the sidebar; a result opens its conversation, a saved answer scrolled to and focused.
import { METRIC_IDS, METRIC_LABELS } from '../../protocol/vocabulary.ts';
import { changeLines } from '../../protocol/edited-words.ts';
import type { HistoryItem } from '../../protocol/history.ts';
import type { SavedAnswer } from '../../protocol/stars.ts';
import { hw } from '../history-words.ts';
import { fmtDay } from '../conv-dates.ts';
import {
  EMPTY_FORM,
  type HistoryForm,
  historyAnswers,
  historyError,
  historyForm,
  historyItems,
  historyLoading,
  historyNext,
  openSavedAnswer,
  searchHistory,
} from '../history.ts';
import { lang, t } from '../i18n.ts';
import { openConversation } from '../model.ts';
import { sw } from '../star-words.ts';
import { partLang } from '../text-lang.ts';

const set = (patch: Partial<HistoryForm>) => (historyForm.value = { ...historyForm.value, ...patch });

function SearchForm() {
  const w = hw.value;
  const f = historyForm.value;
  return (
    <form
      class="history-search"
      aria-label={w.search}
      onSubmit={(e) => {
        e.preventDefault();
        void searchHistory();
      }}
    >
      <label class="field grow">
        <span>{w.searchText}</span>
        <input type="search" value={f.q} maxLength={200} onInput={(e) => set({ q: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{w.from}</span>
        <input type="date" value={f.from} onInput={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{w.to}</span>
        <input type="date" value={f.to} onInput={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{w.metric}</span>
        <select value={f.metric} onChange={(e) => set({ metric: e.currentTarget.value })}>
          <option value="">{w.anyMetric}</option>
          {METRIC_IDS.map((id) => (
            <option key={id} value={id}>
              {METRIC_LABELS[id][lang.value]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{w.show}</span>
        <select
          value={f.saved}
          onChange={(e) => set({ saved: e.currentTarget.value === 'true' ? 'true' : EMPTY_FORM.saved })}
        >
          <option value="">{w.showAll}</option>
          <option value="true">{w.showSaved}</option>
        </select>
      </label>
      <button type="submit" class="primary" disabled={historyLoading.value}>
        {w.search}
      </button>
    </form>
  );
}

function SavedItem({ a }: { a: SavedAnswer }) {
  const w = sw.value;
  const l = lang.value;
  // An edited answer asked the same question with other inputs: say which.
  const title = a.edited ? `${a.question} — ${changeLines(a.edited, l).join(' · ')}` : a.question;
  return (
    <li class="history-item saved-answer">
      <button
        type="button"
        class="link history-open"
        aria-label={w.openAnswer(title)}
        onClick={() => void openSavedAnswer(a.conversationId, a.turnId)}
      >
        <span aria-hidden="true">★ </span>
        <span lang={partLang(title, l)}>{title}</span>
      </button>
      <p class="muted small">
        <time dateTime={a.starredAt}>
          {w.savedOn} {fmtDay(a.starredAt)}
        </time>
        {a.conversationTitle !== a.question && ` · ${w.inConversation(a.conversationTitle)}`}
      </p>
      <p class="history-question" lang={partLang(a.answerStart, l)}>
        {a.answerStart.split('\n')[0]}
      </p>
    </li>
  );
}

function SavedAnswers() {
  const w = sw.value;
  const answers = historyAnswers.value;
  return (
    <section class="saved-answers" aria-labelledby="saved-answers-h">
      <h2 id="saved-answers-h">{w.savedAnswers}</h2>
      {answers.length === 0 ? (
        <p class="muted small">{w.noSavedAnswers}</p>
      ) : (
        <ul class="history-list">
          {answers.map((a) => (
            <SavedItem key={a.turnId} a={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Item({ it }: { it: HistoryItem }) {
  const w = hw.value;
  const c = it.conversation;
  const metrics = it.metrics
    .filter((m): m is (typeof METRIC_IDS)[number] => (METRIC_IDS as readonly string[]).includes(m))
    .map((m) => METRIC_LABELS[m][lang.value]);
  return (
    <li class="history-item">
      <button
        type="button"
        class="link history-open"
        lang={partLang(c.title, lang.value)}
        onClick={() => void openConversation(c.id)}
      >
        {c.title}
      </button>
      <p class="muted small">
        <time dateTime={c.updatedAt}>
          {w.updated} {fmtDay(c.updatedAt)}
        </time>
        {' · '}
        {w.turns(it.turns)}
        {c.saved && (
          <>
            {' · '}
            <span class="kept-badge">{w.kept}</span>
          </>
        )}
        {metrics.length > 0 && ` · ${metrics.join(lang.value === 'zh' ? '、' : ', ')}`}
      </p>
      {it.question && it.question !== c.title && (
        <p class="history-question" lang={partLang(it.question, lang.value)}>
          {it.question}
        </p>
      )}
    </li>
  );
}

export function History({ inert }: { inert: boolean }) {
  const w = hw.value;
  const items = historyItems.value;
  return (
    <main class="history" inert={inert}>
      <h1>{w.historyTitle}</h1>
      <p class="muted">{w.historyIntro}</p>
      <SearchForm />
      <SavedAnswers />
      {historyError.value && (
        <p class="error" role="alert">
          {historyError.value}
        </p>
      )}
      <h2>{t.value.conversations}</h2>
      <p class="muted small" role="status">
        {historyLoading.value ? '…' : w.results(items.length, historyNext.value !== null)}
      </p>
      {items.length === 0 && !historyLoading.value && !historyError.value && <p>{w.noResults}</p>}
      <ul class="history-list">
        {items.map((it) => (
          <Item key={it.conversation.id} it={it} />
        ))}
      </ul>
      {historyNext.value !== null && (
        <button type="button" disabled={historyLoading.value} onClick={() => void searchHistory(true)}>
          {w.more}
        </button>
      )}
    </main>
  );
}
