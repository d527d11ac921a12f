// An answer's inputs as chips (period, comparison, metric, channel, country, category, device, breakdown),
// each a small select of the values it may take. Changing one re-runs the same tool with the new input, with
// no model round, and the result arrives as a new turn whose question bubble says what changed (EditedNote).
import { useEffect } from 'preact/hooks';
import type { Edited } from '../../protocol/rerun.ts';
import { chipTarget, chipsFor, editedWords, withChoice } from '../chips.ts';
import { loadRerunOptions, rerun, rerunError, rerunning, rerunOptions } from '../chips-run.ts';
import { cw } from '../chips-words.ts';
import { lang } from '../i18n.ts';
import { type AssistantMessage, busy, current, me } from '../model.ts';

/** `n`: the answer's place in the conversation, so each chip's name is distinct on the page. */
export function InputChips({ m, n }: { m: AssistantMessage; n: number }) {
  useEffect(loadRerunOptions, []);
  const options = rerunOptions.value;
  // Only the owner steers an answer: an admin reading someone else's conversation sees it as it was.
  const mine = current.value !== null && current.value.ownerId === String(me.value?.id);
  const target = mine && m.turnId && m.status === 'done' ? chipTarget(m.steps, options) : null;
  if (!target || !options) return null;
  const w = cw.value;
  const chips = chipsFor(target, options, lang.value, (k) => w.unset[k]);
  if (!chips.length) return null;
  const failed = rerunError.value?.id === m.id ? rerunError.value.message : null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of selects; a fieldset would bring form styling
    <div class="input-chips" role="group" aria-label={w.chipsLabel(n)}>
      {chips.map((c) => (
        <label key={c.key} class="input-chip" data-chip={c.key}>
          <span class="chip-key">{w.chipKey[c.key]}</span>
          <select
            value={c.value}
            disabled={busy.value}
            aria-label={w.chipOf(w.chipKey[c.key], c.label, n)}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (value !== c.value) void rerun(m, target.tool, withChoice(target.input, c.inputKey, value));
            }}
          >
            {c.choices.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <span class="muted small" role="status">
        {rerunning.value === m.id ? w.rerunning : ''}
      </span>
      {failed && (
        <p class="error small" role="alert">
          {w.rerunFailed}: {failed}
        </p>
      )}
    </div>
  );
}

/** The question bubble of a turn made by a chip: the edited mark and what changed, in words. */
export function EditedNote({ edited }: { edited: Edited }) {
  const w = cw.value;
  const changes = editedWords(
    edited,
    lang.value,
    (k) => w.chipKey[k],
    (k) => w.unset[k],
  );
  return (
    <p class="edited-note">
      <span class="edited-badge">{w.edited}</span> <span>{changes.join(' · ')}</span>
    </p>
  );
}
