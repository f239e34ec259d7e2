/**
 * The escalation chain, the scorecard and the glossary as tables: the same
 * rows for the CLI (table / CSV) and the dashboard's downloads (CSV / XLSX).
 */
import { indicatorName } from '../store/catalog.js';
import type { Escalation, EscalationNode } from '../store/escalation.js';
import { flatten } from '../store/escalation.js';
import type { Scorecard } from '../store/scorecard.js';
import type { StoredGlossaryEntry } from '../glossary/store.js';
import type { SheetCell, SheetTable } from './download.js';
import { displayFact, OUTCOME_LABELS } from './format.js';

export const STATE_LABELS: Record<EscalationNode['state'], string> = { set: '已设目标', not_set: '未设目标', no_data: '无资料' };

export function pp(n: number | null): string {
  if (n === null) return '';
  return `${n > 0 ? '+' : ''}${Number(n.toFixed(2))}pp`;
}

export function escalationSheet(e: Escalation): SheetTable {
  const name = `${indicatorName(e.indicator) ?? e.indicator}_${e.year}_目标层层分解`;
  const rows: SheetCell[][] = flatten(e).map((n) => [
    n.region.code,
    `${'　'.repeat(n.depth)}${n.region.name}`,
    n.depth,
    STATE_LABELS[n.state],
    n.target ? displayFact(n.target) : n.note,
    n.target ? n.target.value : null,
    n.target ? n.target.valueMax : null,
    n.target ? n.target.bound : null,
    n.gapToParentPp,
    n.comparedWith?.name ?? '',
    n.actual ? `${displayFact(n.actual)}${n.actual.status === 'estimate' ? '（预计）' : ''}` : '',
    n.outcome ? OUTCOME_LABELS[n.outcome] : '',
    n.target?.quote ?? n.absent?.quote.slice(0, 120) ?? '',
    n.target ? `/doc/${n.target.documentId}#fact-${n.target.id}` : n.absent ? `/doc/${n.absent.documentId}` : '',
  ]);
  return {
    name,
    headers: ['代码', '地区', '层级', '状态', '目标', '目标值', '目标上限', '界', '较上级(pp)', '上级', '实际', '结果', '原文', '来源'],
    rows,
    indicators: [e.indicator],
  };
}

export function scorecardSheet(c: Scorecard): SheetTable {
  const headers = ['综合排名', '代码', '地区', '综合得分', '覆盖权重'];
  for (const w of c.inputs) {
    const label = w.label ?? `${indicatorName(w.indicator) ?? w.indicator}${w.measure === 'growth' ? '增速' : ''}`;
    headers.push(`${label}`, `${label}排名`, `${label}状态`, `${label}来源`);
  }
  const rows: SheetCell[][] = c.rows.map((r) => {
    const row: SheetCell[] = [r.rank ?? '资料不足', r.region.code, r.region.name, r.composite, Math.round(r.coverage * 100) / 100];
    for (const cell of r.cells) {
      row.push(
        cell.value === null ? null : cell.unit === '%' || cell.unit === 'pp' ? `${cell.value}%` : cell.value,
        cell.rank,
        cell.status === 'actual' ? '实际' : cell.status === 'estimate' ? '预计' : cell.status === 'derived' ? `${cell.met}/${cell.judged}达成` : '',
        cell.documentId !== null ? `/doc/${cell.documentId}#fact-${cell.factId}` : '',
      );
    }
    return row;
  });
  return { name: `${c.region.name}_${c.year}_综合排名`, headers, rows, indicators: c.inputs.map((w) => w.indicator).filter((i) => i !== 'targets_met') };
}

export function glossarySheet(entries: readonly StoredGlossaryEntry[]): SheetTable {
  return {
    name: '政策名词',
    headers: ['名词', '释义', '地区', '年份', '标注', '文件', '来源', '位置（字符）'],
    rows: entries.map((e) => [e.term, e.definition, e.region?.name ?? '', e.year, e.marker ?? '正文', e.title ?? e.doc, `/doc/${e.documentId}`, `${e.span[0]}-${e.span[1]}`]),
    indicators: [],
  };
}
