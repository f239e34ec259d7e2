/**
 * CJK radicals → unified ideographs, one code point for one code point.
 *
 * Some PDF producers map shared glyphs to the radical code points, so text
 * comes out as ⺠⽣ instead of 民生. Kangxi radicals (U+2F00–U+2FD5) all have
 * NFKC decompositions; the CJK Radicals Supplement (U+2E80–U+2EF3) mostly does
 * not, so this table gives each one the standalone ideograph that looks the same
 * (or, for component-only forms, the component ideograph). Every target is in
 * the BMP, so UTF-16 length is preserved too.
 */
const SUPPLEMENT: Readonly<Record<number, string>> = {
  0x2e80: '冫', 0x2e81: '厂', 0x2e82: '乛', 0x2e83: '乚', 0x2e84: '乙', 0x2e85: '亻',
  0x2e86: '冂', 0x2e87: '几', 0x2e88: '刀', 0x2e89: '刂', 0x2e8a: '卜', 0x2e8b: '卩',
  0x2e8c: '小', 0x2e8d: '小', 0x2e8e: '尢', 0x2e8f: '尣', 0x2e90: '尢', 0x2e91: '尣',
  0x2e92: '巳', 0x2e93: '幺', 0x2e94: '彐', 0x2e95: '彐', 0x2e96: '忄', 0x2e97: '心',
  0x2e98: '扌', 0x2e99: '攵', 0x2e9b: '旡', 0x2e9c: '日', 0x2e9d: '月', 0x2e9e: '歺',
  0x2e9f: '母', 0x2ea0: '民', 0x2ea1: '氵', 0x2ea2: '氺', 0x2ea3: '灬', 0x2ea4: '爫',
  0x2ea5: '爫', 0x2ea6: '丬', 0x2ea7: '牛', 0x2ea8: '犭', 0x2ea9: '王', 0x2eaa: '疋',
  0x2eab: '罒', 0x2eac: '示', 0x2ead: '礻', 0x2eae: '竹', 0x2eaf: '糹', 0x2eb0: '纟',
  0x2eb1: '罓', 0x2eb2: '罒', 0x2eb3: '罓', 0x2eb4: '罓', 0x2eb5: '罓', 0x2eb6: '羊',
  0x2eb7: '羊', 0x2eb8: '羊', 0x2eb9: '耂', 0x2eba: '聿', 0x2ebb: '聿', 0x2ebc: '月',
  0x2ebd: '臼', 0x2ebe: '艹', 0x2ebf: '艹', 0x2ec0: '艹', 0x2ec1: '虎', 0x2ec2: '衤',
  0x2ec3: '覀', 0x2ec4: '西', 0x2ec5: '见', 0x2ec6: '角', 0x2ec7: '角', 0x2ec8: '讠',
  0x2ec9: '贝', 0x2eca: '足', 0x2ecb: '车', 0x2ecc: '辶', 0x2ecd: '辶', 0x2ece: '辶',
  0x2ecf: '阝', 0x2ed0: '钅', 0x2ed1: '長', 0x2ed2: '镸', 0x2ed3: '长', 0x2ed4: '门',
  0x2ed5: '阜', 0x2ed6: '阝', 0x2ed7: '雨', 0x2ed8: '青', 0x2ed9: '韦', 0x2eda: '页',
  0x2edb: '风', 0x2edc: '飞', 0x2edd: '食', 0x2ede: '飠', 0x2edf: '飠', 0x2ee0: '饣',
  0x2ee1: '首', 0x2ee2: '马', 0x2ee3: '骨', 0x2ee4: '鬼', 0x2ee5: '鱼', 0x2ee6: '鸟',
  0x2ee7: '卤', 0x2ee8: '麦', 0x2ee9: '黄', 0x2eea: '黾', 0x2eeb: '斉', 0x2eec: '齐',
  0x2eed: '歯', 0x2eee: '齿', 0x2eef: '竜', 0x2ef0: '龙', 0x2ef1: '龜', 0x2ef2: '亀',
  0x2ef3: '龟',
};

const RADICAL_RE = /[\u2e80-\u2ef3\u2f00-\u2fd5]/g;

/** Replace radicals with unified ideographs; returns the text and how many changed. */
export function mapRadicals(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(RADICAL_RE, (ch) => {
    const cp = ch.charCodeAt(0);
    const mapped = cp >= 0x2f00 ? ch.normalize('NFKC') : SUPPLEMENT[cp];
    if (mapped === undefined || mapped === ch || mapped.length !== 1) return ch;
    count++;
    return mapped;
  });
  return { text: out, count };
}
