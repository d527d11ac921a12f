// Scoring rule of the RCA benchmark README §3: exact element matches; ancestors and descendants are wrong.

export interface CaseScore {
  setting: string;
  id: string;
  tp: number;
  fp: number;
  fn: number;
  ms: number;
}

export function scoreCase(setting: string, id: string, predicted: string[], labels: string[], ms: number): CaseScore {
  const pred = new Set(predicted);
  const lab = new Set(labels);
  let tp = 0;
  for (const p of pred) if (lab.has(p)) tp++;
  return { setting, id, tp, fp: pred.size - tp, fn: lab.size - tp, ms };
}

export function summarise(scores: readonly CaseScore[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let ms = 0;
  for (const s of scores) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    ms += s.ms;
  }
  const denom = 2 * tp + fp + fn;
  return {
    tp,
    fp,
    fn,
    cases: scores.length,
    f1: denom === 0 ? NaN : (2 * tp) / denom,
    p: tp + fp === 0 ? NaN : tp / (tp + fp),
    r: tp + fn === 0 ? NaN : tp / (tp + fn),
    msPerCase: scores.length === 0 ? 0 : ms / scores.length,
  };
}
