/**
 * Shrinking boundary GeoJSON without opening gaps between neighbours.
 *
 * Douglas–Peucker alone, run ring by ring, would drop different points on the
 * two sides of a shared border. So borders are simplified once, as chains:
 * a ring is cut at its fixed points (where the set of rings sharing a vertex
 * changes, i.e. where a border between two regions starts or ends), each chain
 * is simplified in a canonical direction, and the kept vertices are recorded
 * globally, so both sides keep the same ones. Coordinates are then rounded.
 */

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface AreaFeature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  properties: P;
  geometry: AreaGeometry;
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: AreaFeature<P>[];
}

const key = (p: Position): string => `${p[0]},${p[1]}`;

/** Perpendicular distance of p from the segment a–b (in coordinate units). */
export function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  let t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open polyline: which indices to keep (the ends always). Iterative, so long chains do not overflow the stack. */
export function douglasPeucker(points: readonly Position[], epsilon: number): boolean[] {
  const keep = new Array<boolean>(points.length).fill(false);
  if (points.length === 0) return keep;
  keep[0] = true;
  keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i]!, points[first]!, points[last]!);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index >= 0 && worst > epsilon) {
      keep[index] = true;
      stack.push([first, index], [index, last]);
    }
  }
  return keep;
}

function openRing(ring: Ring): Ring {
  const n = ring.length;
  if (n > 1 && key(ring[0]!) === key(ring[n - 1]!)) return ring.slice(0, n - 1);
  return ring.slice();
}

function polygonsOf(g: AreaGeometry): PolygonCoords[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export interface SimplifyOptions {
  /** Douglas–Peucker tolerance, in coordinate units (degrees for lon/lat). */
  epsilon: number;
  /** Decimal places kept after simplifying (3 ≈ 100 m in latitude). */
  decimals: number;
}

/** Simplifies every ring of a collection, keeping shared borders identical on both sides. */
export function simplifyCollection<P>(fc: FeatureCollection<P>, options: SimplifyOptions): FeatureCollection<P> {
  // every ring, opened (no repeated closing vertex)
  const rings: Ring[] = [];
  for (const f of fc.features) for (const poly of polygonsOf(f.geometry)) for (const r of poly) rings.push(openRing(r));

  // which rings each vertex belongs to
  const owners = new Map<string, Set<number>>();
  rings.forEach((ring, ri) => {
    for (const p of ring) {
      const k = key(p);
      let s = owners.get(k);
      if (!s) owners.set(k, (s = new Set()));
      s.add(ri);
    }
  });
  const signature = (p: Position): string => [...owners.get(key(p))!].sort((a, b) => a - b).join(' ');

  const kept = new Set<string>();
  for (const ring of rings) {
    const n = ring.length;
    if (n < 4) {
      for (const p of ring) kept.add(key(p));
      continue;
    }
    const sig = ring.map(signature);
    let fixed: number[] = [];
    for (let i = 0; i < n; i++) {
      const prev = sig[(i - 1 + n) % n];
      const next = sig[(i + 1) % n];
      if (sig[i] !== prev || sig[i] !== next || owners.get(key(ring[i]!))!.size > 2) fixed.push(i);
    }
    if (fixed.length === 0) {
      // one border all round (an island, or an enclave and its hole): anchor canonically so both sides agree
      let a = 0;
      for (let i = 1; i < n; i++) if (key(ring[i]!) < key(ring[a]!)) a = i;
      let b = a;
      let far = -1;
      for (let i = 0; i < n; i++) {
        const d = Math.hypot(ring[i]![0] - ring[a]![0], ring[i]![1] - ring[a]![1]);
        if (d > far) {
          far = d;
          b = i;
        }
      }
      fixed = a === b ? [a] : [Math.min(a, b), Math.max(a, b)];
    }
    for (let j = 0; j < fixed.length; j++) {
      const from = fixed[j]!;
      const to = fixed[(j + 1) % fixed.length]!;
      const chain: Position[] = [];
      for (let i = from; ; i = (i + 1) % n) {
        chain.push(ring[i]!);
        if (i === to && chain.length > 1) break;
        if (chain.length > n + 1) break;
      }
      // canonical direction: the same chain seen from the neighbour is reversed
      const forward = key(chain[0]!) < key(chain[chain.length - 1]!) || (key(chain[0]!) === key(chain[chain.length - 1]!) && key(chain[1]!) <= key(chain[chain.length - 2]!));
      const canon = forward ? chain : [...chain].reverse();
      const keep = douglasPeucker(canon, options.epsilon);
      canon.forEach((p, i) => {
        if (keep[i]) kept.add(key(p));
      });
    }
  }

  const factor = 10 ** options.decimals;
  const round = (p: Position): Position => [Math.round(p[0] * factor) / factor, Math.round(p[1] * factor) / factor];
  const simplifyRing = (ring: Ring): Ring | null => {
    const open = openRing(ring);
    let out = open.filter((p) => kept.has(key(p))).map(round);
    out = out.filter((p, i) => i === 0 || key(p) !== key(out[i - 1]!));
    if (out.length > 1 && key(out[0]!) === key(out[out.length - 1]!)) out.pop();
    if (out.length < 3) {
      // too small to keep its shape at this tolerance: keep it unsimplified rather than lose it
      out = open.map(round).filter((p, i, all) => i === 0 || key(p) !== key(all[i - 1]!));
      if (out.length < 3) return null;
    }
    return [...out, out[0]!];
  };
  const simplifyPolygon = (poly: PolygonCoords): PolygonCoords | null => {
    const outer = poly[0] ? simplifyRing(poly[0]) : null;
    if (!outer) return null;
    const holes = poly.slice(1).map(simplifyRing).filter((r): r is Ring => r !== null);
    return [outer, ...holes];
  };

  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const polys = polygonsOf(f.geometry).map(simplifyPolygon).filter((p): p is PolygonCoords => p !== null);
      const geometry: AreaGeometry = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
      return { ...f, geometry };
    }),
  };
}

/** Vertices of a collection (for reporting how much was removed). */
export function vertexCount(fc: FeatureCollection<unknown>): number {
  let n = 0;
  for (const f of fc.features) for (const poly of polygonsOf(f.geometry)) for (const r of poly) n += r.length;
  return n;
}
