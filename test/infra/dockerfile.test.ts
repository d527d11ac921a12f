// No Docker engine runs here, so the Dockerfile is checked as text: the stages, production dependencies only
// in the release, a non-root user, a HEALTHCHECK on the health route, and sources for every import.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEALTH_PATH } from '../../infra/lib/server-env.ts';

interface Stage {
  name: string;
  from: string;
  lines: string[];
}

/** Instructions (continuation lines joined) grouped by FROM. */
function stages(text: string): Stage[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ name: from[2] ?? '', from: from[1]!, lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

const dockerfile = readFileSync('Dockerfile', 'utf8');
const all = stages(dockerfile);
const stage = (name: string) => all.find((s) => s.name === name)!;
const ignored = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('is multi-stage: dependencies, build, release, and the artifact the instances unpack', () => {
    expect(all.map((s) => s.name)).toEqual(['deps', 'build', 'release', 'artifact']);
    expect(stage('artifact').from).toBe('scratch');
    expect(stage('artifact').lines).toContain('COPY --from=release /app /app');
  });

  it('installs production dependencies only into the release', () => {
    expect(stage('deps').lines).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    const release = stage('release').lines;
    expect(release).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(release.filter((l) => /node_modules/.test(l))).toHaveLength(1);
    expect(release.some((l) => /^RUN npm (ci|install)/.test(l))).toBe(false);
    // The build stage's dev dependencies reach the release only as the built UI.
    expect(release.filter((l) => l.startsWith('COPY --from=build'))).toEqual([
      'COPY --from=build /app/dist/ui ./dist/ui',
    ]);
    expect(release.some((l) => /^COPY \. /.test(l))).toBe(false);
  });

  it('runs as a non-root user with a health check on the health route', () => {
    const release = stage('release').lines;
    const user = release.filter((l) => l.startsWith('USER '));
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^USER (root|0)(:|$)/);
    const health = release.find((l) => l.startsWith('HEALTHCHECK'));
    expect(health).toContain(HEALTH_PATH);
    expect(release.at(-1)).toBe('CMD ["node", "bin/tidelens.js", "serve"]');
    expect(release.indexOf(user[0]!)).toBeLessThan(release.length - 1);
  });

  it('ships its own Node binary where the instances start it', () => {
    expect(stage('release').lines.some((l) => l.includes('cp "$(command -v node)" runtime/node'))).toBe(true);
    expect(readFileSync('infra/lib/user-data.ts', 'utf8')).toContain('/runtime/node');
  });

  it('copies every top-level directory the sources import, and keeps secrets and local data out', () => {
    const copied = stage('release')
      .lines.map((l) => /^COPY (\S+) \.\/\1$/.exec(l)?.[1])
      .filter(Boolean);
    const files = execSync("git ls-files 'src/*.ts' 'bin/*.js' 'seed/*.ts' 'eval/*.ts'", { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.endsWith('.test.ts'));
    const needed = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/from '((?:\.\.\/)+[^']+)'/g)) {
        const depth = f.split('/').length - 1;
        const up = m[1]!.match(/\.\.\//g)!.length;
        if (up >= depth) needed.add(m[1]!.replace(/^(\.\.\/)+/, '').split('/')[0]!);
      }
      needed.add(f.split('/')[0]!);
    }
    for (const dir of needed) expect(copied).toContain(dir);
    for (const p of ['node_modules', 'data', '.env', '.git', 'infra', 'test']) expect(ignored).toContain(p);
  });
});
