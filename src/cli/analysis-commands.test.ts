/**
 * `escalation`, `scorecard` and `glossary` as a user runs them (a child
 * process per command, the real CLI entry) on a database of the three-level fixture.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import { zhibiao } from './run.case.js';
import { loadAnalysisFixture } from '../store/analysis.case.js';

let dir: string;
let db: string;


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-analysis-cli-'));
  db = join(dir, 'a.db');
  const store = openSqliteStore(db);
  await loadAnalysisFixture(store);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analysis commands', () => {
  it('escalation: a table with gaps and 未设目标, CSV and JSON Lines', () => {
    const t = zhibiao('escalation', '-i', '固定资产投资', '-y', '2024', '-r', '永州市', '--db', db);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/江永县\s+增长9%\s+\+1\.5pp/);
    expect(t.stdout).toMatch(/道县\s+未设目标/);
    expect(t.stdout).toMatch(/1 未设目标/);
    const csv = zhibiao('escalation', '-i', 'gdp', '-y', '2024', '-r', '430000', '-f', 'csv', '--db', db);
    expect(csv.stdout.split('\r\n')[0]).toBe('代码,地区,层级,状态,目标,目标值,目标上限,界,较上级(pp),上级,实际,结果,原文,来源');
    const jsonl = zhibiao('escalation', '-i', 'gdp', '-y', '2024', '-r', '431100', '-f', 'jsonl', '--db', db);
    const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as { region: { name: string }; gapToParentPp: number | null; target: { quote: string } | null });
    expect(rows.find((r) => r.region.name === '江永县')).toMatchObject({ gapToParentPp: 1, target: { quote: '地区生产总值增长7%' } });
  });

  it('scorecard: default weights, a weights file, XLSX export; --show-weights prints the default', () => {
    const shown = zhibiao('scorecard', '--show-weights', '-r', 'x', '-y', '2024');
    expect(shown.stdout).toContain('indicator: targets_met');
    const w = join(dir, 'w.yaml');
    writeFileSync(w, 'inputs:\n  - indicator: fai\n    measure: growth\n    weight: 1\n');
    const t = zhibiao('scorecard', '-r', '永州市', '-y', '2024', '--weights', w, '--db', db);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/1\s+江永县\s+100/);
    const out = join(dir, 'card.xlsx');
    const x = zhibiao('scorecard', '-r', '永州市', '-y', '2024', '-f', 'xlsx', '-o', out, '--db', db);
    expect(x.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"inputs":[{"indicator":"gdp","weight":0}]}');
    const b = zhibiao('scorecard', '-r', '永州市', '-y', '2024', '--weights', bad, '--db', db);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/weight must be a number > 0/);
  });

  it('glossary: --search finds a term with its source span', () => {
    const g = zhibiao('glossary', '--search', '双千工程', '-f', 'jsonl', '--db', db);
    const [e] = g.stdout.trim().split('\n').map((l) => JSON.parse(l) as { term: string; marker: string; region: { name: string }; span: [number, number] });
    expect(e).toMatchObject({ term: '双千工程', marker: '〔1〕', region: { name: '永州市' } });
    expect(e!.span[1]).toBeGreaterThan(e!.span[0]);
  });
});
