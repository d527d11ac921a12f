// `tidelens eval`: replays the benchmark questions (eval/questions/) through the real loop and scores them.
import { TidelensError } from '../../errors.ts';
import { EVAL_PROVIDERS, printOutcome, runEval, type EvalProvider } from '../../../eval/run/eval.ts';
import { parseFlags, type Command } from '../command.ts';

const help = `Usage: npx tidelens eval [--provider offline|replay|bedrock|openai] [--db URL] [--filter TAG] [--record] [--json] [--min-score X]

Runs the benchmark questions in eval/questions/ through the real agent loop and prints, per case and in
total: answer correctness (values against gold SQL; cause recall/precision for why-questions), tool
choice, SQL validity, chart validity (vega-lite compile + headless vega SVG), ungrounded numbers,
correct refusals, personal-data leaks, latency p50/p95, tokens and estimated cost. Writes
eval/results/<timestamp>.json and .md, and exits 1 when a threshold (eval/run/thresholds.json) fails.

Options:
  --provider NAME   offline (default, no network), replay (plays eval/cassettes back), bedrock
                    (BEDROCK_MODEL_ID, AWS_REGION, AWS credentials) or openai (OPENAI_BASE_URL, OPENAI_MODEL)
  --db URL          a warehouse seeded like eval/questions/dataset.json; default: the eval's own SQLite
                    copy in $TIDELENS_EVAL_CACHE (default the system temp folder), seeded when missing
  --filter TAGS     comma-separated tags, set names (main, heldout; set:NAME for the set only) or case ids
  --record          with a live provider: save every model exchange as a cassette
  --cassettes DIR   where cassettes are read and written (default eval/cassettes/fake-bedrock)
  --min-score X     fail below this share of passing cases (0..1), instead of the thresholds file's
  --json            print the totals and per-case verdicts as JSON
  --quiet           no per-case progress on stderr`;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Score the assistant on the benchmark questions',
  help,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        provider: { type: 'string' },
        db: { type: 'string' },
        filter: { type: 'string' },
        record: { type: 'boolean' },
        cassettes: { type: 'string' },
        'min-score': { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      'eval',
    );
    const provider = (values.provider ?? 'offline') as EvalProvider;
    if (!EVAL_PROVIDERS.includes(provider))
      throw new TidelensError(
        'bad_input',
        `eval: --provider must be one of ${EVAL_PROVIDERS.join(', ')} (got "${values.provider}")`,
      );
    const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1))
      throw new TidelensError(
        'bad_input',
        `eval: --min-score must be a number from 0 to 1 (got "${values['min-score']}")`,
      );
    const out = await runEval(
      {
        provider,
        db: values.db,
        filter: values.filter,
        record: values.record,
        cassetteDir: values.cassettes,
        minScore,
        progress: !values.quiet && !values.json,
      },
      io,
    );
    printOutcome(io, out, Boolean(values.json));
    return out.ok ? 0 : 1;
  },
};
