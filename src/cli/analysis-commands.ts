/**
 * Analysis commands over the database: `escalation` (targets raised level by
 * level), `scorecard` (a weighted ranking of a region's units), `glossary`
 * (terms the reports define). Each command imports its modules when it runs,
 * so registering them costs the start of every other command nothing.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Store } from '../store/types.js';
import { withStore } from './store-commands.js';

type Format = 'table' | 'csv' | 'jsonl';

function defaultDbSpec(): string {
  return process.env.ZHIBIAO_DB?.trim() || 'zhibiao.db';
}

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('a year like 2024');
  return Number(value);
}


async function oneRegion(store: Store, name: string): Promise<string> {
  const { resolveRegions } = await import('../store/resolve.js');
  const [code] = await resolveRegions(store, [name]);
  return code!;
}

async function oneIndicator(store: Store, input: string): Promise<string> {
  const { resolveIndicators, UnknownIndicatorError } = await import('./indicators.js');
  const { StoreError } = await import('../store/types.js');
  const stored = new Set((await store.indicators()).map((u) => u.indicator));
  try {
    const [id] = resolveIndicators([input], stored);
    return id!;
  } catch (err) {
    if (err instanceof UnknownIndicatorError) throw new StoreError('invalid', err.message, { field: 'indicator' });
    throw err;
  }
}

export function registerAnalysisCommands(program: Command): void {
  program
    .command('escalation')
    .description('target escalation (层层加码): one indicator and year, province → prefectures → counties, each target, its gap to the level above, the outcome; 未设目标 vs 无资料')
    .requiredOption('-i, --indicator <id|name>', 'indicator id or Chinese name, e.g. gdp')
    .requiredOption('-y, --year <year>', 'the year the targets are for', year)
    .option('-r, --region <name|code>', 'the top of the chain (default: every province with a target)')
    .option('-m, --measure <measure>', 'measure of the targets', 'growth')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL (default: $ZHIBIAO_DB, else zhibiao.db)', defaultDbSpec())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .action(async function (this: Command, o: { indicator: string; year: number; region?: string; measure: string; db: string; format: Format }) {
      await withStore(this, o.db, async (store) => {
        const { escalation } = await import('../store/escalation.js');
        const { writeEscalation } = await import('./analysis-output.js');
        const indicator = await oneIndicator(store, o.indicator);
        const region = o.region ? await oneRegion(store, o.region) : undefined;
        const e = await escalation(store, { indicator, year: o.year, measure: o.measure as never, ...(region ? { region } : {}) });
        await writeEscalation(e, o.format);
      });
    });

  program
    .command('scorecard')
    .description("a weighted composite ranking of a region's counties (or a province's prefectures) for one year: each input's value, rank, status and source")
    .requiredOption('-r, --region <name|code>', 'the prefecture (or province) whose units are ranked')
    .requiredOption('-y, --year <year>', 'the year', year)
    .option('-w, --weights <file>', 'weights and directions, JSON or YAML (default: the documented set, see `zhibiao scorecard --show-weights`)')
    .option('--show-weights', 'print the default weights file (YAML) and exit')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL (default: $ZHIBIAO_DB, else zhibiao.db)', defaultDbSpec())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl', 'xlsx']).default('table'))
    .option('-o, --out <file>', 'output file (xlsx needs one; csv: stdout without)')
    .action(async function (this: Command, o: { region: string; year: number; weights?: string; showWeights?: boolean; db: string; format: Format | 'xlsx'; out?: string }) {
      const { DEFAULT_WEIGHTS_YAML, readWeights } = await import('../store/scorecard.js');
      if (o.showWeights) {
        process.stdout.write(DEFAULT_WEIGHTS_YAML);
        return;
      }
      if (o.format === 'xlsx' && !o.out) this.error('zhibiao: --format xlsx needs --out FILE', { exitCode: 2 });
      let weights;
      try {
        weights = o.weights ? readWeights(o.weights) : undefined;
      } catch (err) {
        this.error(`zhibiao: ${o.weights}: ${(err as Error).message}`, { exitCode: 1 });
      }
      await withStore(this, o.db, async (store) => {
        const { scorecard } = await import('../store/scorecard.js');
        const { writeScorecard } = await import('./analysis-output.js');
        const region = await oneRegion(store, o.region);
        const card = await scorecard(store, { region, year: o.year, ...(weights ? { weights } : {}) });
        await writeScorecard(card, o.format, o.out);
      });
    });

  program
    .command('glossary')
    .description('policy terms the reports define (名词解释, 〔1〕 notes, [1] footnotes, “X”是指…), with definition, region, year and source')
    .option('-s, --search <words>', 'terms or definitions containing these words, e.g. 双千工程')
    .option('-r, --region <name|code>', 'documents of this region (and everything under it)')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL (default: $ZHIBIAO_DB, else zhibiao.db)', defaultDbSpec())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .action(async function (this: Command, o: { search?: string; region?: string; db: string; format: Format }) {
      await withStore(this, o.db, async (store) => {
        const { storedGlossary } = await import('../glossary/store.js');
        const { writeGlossary } = await import('./analysis-output.js');
        const region = o.region ? await oneRegion(store, o.region) : undefined;
        const entries = await storedGlossary(store, { ...(o.search ? { search: o.search } : {}), ...(region ? { regions: [region] } : {}) });
        await writeGlossary(entries, o.format);
      });
    });
}
