import { layoutProcess } from 'bpmn-auto-layout';
import type { ModdleElement } from 'bpmn-moddle';
import {
  type Box,
  type Drawn,
  LABEL_WIDTH,
  drawnByPlane,
  labelSize,
  overlaps,
} from './label-bounds';
import { sssModdle } from './sss-moddle';

/** Wider than this, a diagram is folded into bands, one below the other, read like lines of text. */
const BAND_WIDTH = 1500;
const BAND_GAP = 100;
/** Boundary events side by side along their task's lower edge, each with room for its label. */
const BOUNDARY_STEP = 100;
/** A moved flow label's distance from its line. */
const LABEL_GAP = 4;
const WRAP_WIDTHS = [LABEL_WIDTH, 60, 45];

/**
 * Adds a diagram to BPMN XML that has none: bpmn-auto-layout places the elements, in one row per
 * path; then a task's boundary events are spread along it instead of piled on each other, a
 * long row is folded into bands so that a coordinator can read the whole flow on one screen, and
 * a flow's name that would lie on a shape or another label is moved to a free place along its line.
 */
export async function layOut(xml: string): Promise<string> {
  const moddle = sssModdle();
  const { rootElement } = await moddle.fromXML(await layoutProcess(xml));
  for (const diagram of list(rootElement.diagrams)) {
    const plane = diagram.plane as ModdleElement;
    const items = list(plane.planeElement);
    spreadBoundaryEvents(items);
    foldIntoBands(items);
    placeFlowLabels(moddle, items);
  }
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

function spreadBoundaryEvents(items: ModdleElement[]): void {
  const shapes = items.filter((i) => i.$type === 'bpmndi:BPMNShape');
  const edges = items.filter((i) => i.$type === 'bpmndi:BPMNEdge');
  const shapeOf = new Map(shapes.map((s) => [(s.bpmnElement as ModdleElement).id, s]));
  const attached = new Map<string, ModdleElement[]>();
  for (const s of shapes) {
    const host = (s.bpmnElement as ModdleElement).attachedToRef as ModdleElement | undefined;
    if (host?.id) attached.set(host.id, [...(attached.get(host.id) ?? []), s]);
  }
  for (const [hostId, events] of attached) {
    const host = shapeOf.get(hostId)!;
    const box = host.bounds as Box;
    const needed = events.length * BOUNDARY_STEP;
    const extra = Math.max(0, needed - box.width);
    if (extra) {
      const right = box.x + box.width;
      for (const s of shapes) {
        const b = s.bounds as Box;
        if (s !== host && !events.includes(s) && b.x >= right) shift(s, extra, 0);
      }
      for (const e of edges) {
        for (const p of list(e.waypoint) as unknown as Box[]) if (p.x >= right) p.x += extra;
        const label = e.label as ModdleElement | undefined;
        if (label && (label.bounds as Box).x >= right) (label.bounds as Box).x += extra;
      }
      box.width += extra;
    }
    const step = box.width / events.length;
    events.forEach((event, i) => {
      const b = event.bounds as Box;
      const oldX = b.x + b.width / 2;
      b.x = box.x + step * (i + 0.5) - b.width / 2;
      b.y = box.y + box.height - b.height / 2;
      const id = (event.bpmnElement as ModdleElement).id;
      for (const e of edges) {
        const flow = e.bpmnElement as ModdleElement;
        if ((flow.sourceRef as ModdleElement | undefined)?.id !== id) continue;
        const points = list(e.waypoint) as unknown as Box[];
        const newX = b.x + b.width / 2;
        for (const p of points) if (p.x === oldX) p.x = newX;
        if (points[0]) points[0].y = b.y + b.height;
      }
    });
  }
}

function foldIntoBands(items: ModdleElement[]): void {
  const shapes = items.filter((i) => i.$type === 'bpmndi:BPMNShape');
  const boxes = shapes.map((s) => s.bounds as Box);
  if (!boxes.length) return;
  const left = Math.min(...boxes.map((b) => b.x));
  const width = Math.max(...boxes.map((b) => b.x + b.width)) - left;
  if (width <= BAND_WIDTH) return;
  const top = Math.min(...boxes.map((b) => b.y));
  const bandHeight = Math.max(...boxes.map((b) => b.y + b.height)) - top + BAND_GAP;
  const bandOf = new Map<string, number>();
  for (const s of shapes) {
    const b = s.bounds as Box;
    const host = ((s.bpmnElement as ModdleElement).attachedToRef as ModdleElement | undefined)?.id;
    const band = host ? undefined : Math.floor((b.x + b.width / 2 - left) / BAND_WIDTH);
    if (band !== undefined) bandOf.set((s.bpmnElement as ModdleElement).id!, band);
  }
  for (const s of shapes) {
    const el = s.bpmnElement as ModdleElement;
    const host = (el.attachedToRef as ModdleElement | undefined)?.id;
    const band = bandOf.get(host ?? el.id!) ?? 0;
    if (host) bandOf.set(el.id!, band);
    shift(s, -band * BAND_WIDTH, band * bandHeight);
  }
  for (const e of items.filter((i) => i.$type === 'bpmndi:BPMNEdge')) {
    const flow = e.bpmnElement as ModdleElement;
    const from = bandOf.get((flow.sourceRef as ModdleElement).id!) ?? 0;
    const to = bandOf.get((flow.targetRef as ModdleElement).id!) ?? 0;
    const points = list(e.waypoint) as unknown as Box[];
    if (from === to) {
      for (const p of points)
        Object.assign(p, { x: p.x - from * BAND_WIDTH, y: p.y + from * bandHeight });
      const label = e.label as ModdleElement | undefined;
      if (label) shift(label, -from * BAND_WIDTH, from * bandHeight, true);
      continue;
    }
    // Between bands: down (or up) through the gap between them, then along it to the target.
    const [start, end] = [points[0], points[points.length - 1]];
    const a = { x: start.x - from * BAND_WIDTH, y: start.y + from * bandHeight };
    const b = { x: end.x - to * BAND_WIDTH, y: end.y + to * bandHeight };
    const gap = top + Math.max(from, to) * bandHeight - BAND_GAP / 2;
    e.waypoint = [a, { x: a.x, y: gap }, { x: b.x, y: gap }, b].map((p) =>
      Object.assign(Object.create(Object.getPrototypeOf(start)), { $type: 'dc:Point', ...p }),
    );
    delete e.label;
  }
}

/**
 * bpmn-js puts a flow's name over the middle of its middle segment, where a loop back under a row
 * meets the boundary events and their names. Each name that lands on a shape or another label is
 * given DI bounds at the first free place along its own line, nearest the middle first.
 */
function placeFlowLabels(moddle: ReturnType<typeof sssModdle>, items: ModdleElement[]): void {
  for (const drawn of drawnByPlane(items)) placeOnPlane(moddle, items, drawn);
}

function placeOnPlane(
  moddle: ReturnType<typeof sssModdle>,
  items: ModdleElement[],
  drawn: Drawn[],
): void {
  const isFree = (self: Drawn) =>
    drawn.every((d) => d === self || d.owner === self.owner || !overlaps(d.box, self.box));
  for (const self of drawn.filter((d) => d.label)) {
    const edge = items.find(
      (i) => i.$type === 'bpmndi:BPMNEdge' && (i.bpmnElement as ModdleElement).id === self.owner,
    );
    if (!edge || isFree(self)) continue;
    const name = (edge.bpmnElement as ModdleElement).name as string;
    const points = list(edge.waypoint) as unknown as Box[];
    // Its natural width first; narrower, in more lines, where a line runs between close shapes.
    const free = WRAP_WIDTHS.flatMap((width) => alongLine(points, labelSize(name, width))).find(
      (box) => isFree({ ...self, box }),
    );
    if (!free) continue;
    self.box = free;
    edge.label = moddle.create('bpmndi:BPMNLabel', {
      bounds: moddle.create('dc:Bounds', { ...free }),
    });
  }
}

/** Places for a label beside a line: on each segment, middle segments and middles first. */
function alongLine(points: Box[], size: { width: number; height: number }): Box[] {
  const segments = points.slice(1).map((to, i) => [points[i], to] as const);
  const middle = (segments.length - 1) / 2;
  const order = segments
    .map((segment, i) => ({ segment, distance: Math.abs(i - middle) }))
    .sort((a, b) => a.distance - b.distance);
  const places: Box[] = [];
  for (const {
    segment: [a, b],
  } of order) {
    for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      if (Math.abs(b.y - a.y) <= Math.abs(b.x - a.x)) {
        const x = p.x - size.width / 2;
        places.push(
          { x, y: p.y - LABEL_GAP - size.height, ...size },
          { x, y: p.y + LABEL_GAP, ...size },
        );
      } else {
        const y = p.y - size.height / 2;
        places.push(
          { x: p.x + LABEL_GAP, y, ...size },
          { x: p.x - LABEL_GAP - size.width, y, ...size },
        );
      }
    }
  }
  return places.map((b) => ({ ...b, x: Math.round(b.x), y: Math.round(b.y) }));
}

function shift(item: ModdleElement, dx: number, dy: number, self = false): void {
  const b = item.bounds as Box;
  b.x += dx;
  b.y += dy;
  const label = item.label as ModdleElement | undefined;
  if (label?.bounds && !self) shift(label, dx, dy, true);
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}
