/**
 * Runs in the page, beside bpmn-js: the pairs of shapes and labels of one diagram that overlap.
 * A boundary event may overlap its own task, and an element its own label; nothing else may.
 * Shapes of a collapsed sub-process's own plane are compared only with each other.
 */
export function overlapsInViewer(): string[] {
  interface Shape {
    id: string;
    type: string;
    x: number;
    y: number;
    width: number;
    height: number;
    host?: { id: string };
    labelTarget?: { id: string };
    parent?: Shape;
    waypoints?: unknown;
  }
  const viewer = (window as never as { viewer: { get(n: string): { getAll(): Shape[] } } }).viewer;
  const all = viewer
    .get('elementRegistry')
    .getAll()
    .filter(
      (e) => !e.waypoints && e.parent && e.width > 0 && (e.type !== 'label' || e.labelTarget),
    );
  const plane = (e: Shape): Shape => {
    let p = e;
    while (p.parent) p = p.parent;
    return p;
  };
  const owner = (e: Shape) => e.labelTarget?.id ?? e.id;
  const contains = (a: Shape, b: Shape): boolean => {
    for (let p = b.parent; p; p = p.parent) if (p.id === a.id) return true;
    return false;
  };
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (plane(a) !== plane(b) || owner(a) === owner(b)) continue;
      if (a.host?.id === b.id || b.host?.id === a.id) continue;
      if (contains(a, b) || contains(b, a)) continue;
      const apart =
        a.x + a.width <= b.x ||
        b.x + b.width <= a.x ||
        a.y + a.height <= b.y ||
        b.y + b.height <= a.y;
      if (!apart)
        found.push(
          `${a.type === 'label' ? `label of ${owner(a)}` : a.id} × ${b.type === 'label' ? `label of ${owner(b)}` : b.id}`,
        );
    }
  }
  return found;
}
