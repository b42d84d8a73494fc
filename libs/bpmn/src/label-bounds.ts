import type { ModdleElement } from 'bpmn-moddle';

/**
 * Where bpmn-js draws external labels (`bpmn-js/lib/util/LabelUtil.js`, `BpmnImporter.addLabel`),
 * estimated without a browser. bpmn-js measures the text in the page; here its size is taken
 * large (wide glyphs, a generous line), so that boxes apart here are apart in the viewer too.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Point {
  x: number;
  y: number;
}

/** bpmn-js's DEFAULT_LABEL_SIZE and FLOW_LABEL_INDENT. */
export const LABEL_WIDTH = 90;
const LABEL_HEIGHT = 20;
const FLOW_LABEL_INDENT = 15;
/**
 * bpmn-js writes external labels in 11 px Arial, lines 1.2 high: a glyph is 5.5 px wide on
 * average in words, so 6.5 errs large for any name but one in capitals.
 */
const CHAR_WIDTH = 6.5;
const LINE_HEIGHT = 14;

/** Events and gateways carry their name outside the shape; tasks inside it. */
export function hasExternalLabel(type: string): boolean {
  return /Event$|Gateway$/.test(type);
}

/** A name's size wrapped at word breaks into lines of at most `width` (bpmn-js breaks long words). */
export function labelSize(text: string, width = LABEL_WIDTH): { width: number; height: number } {
  const perLine = Math.max(1, Math.floor(width / CHAR_WIDTH));
  const lines: number[] = [0];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const used = lines[lines.length - 1];
    if (used && used + 1 + word.length <= perLine) lines[lines.length - 1] = used + 1 + word.length;
    else {
      if (used) lines.push(0);
      for (let rest = word.length; rest > 0; rest -= perLine) {
        if (lines[lines.length - 1]) lines.push(0);
        lines[lines.length - 1] = Math.min(rest, perLine);
      }
    }
  }
  return { width: Math.ceil(Math.max(...lines) * CHAR_WIDTH), height: lines.length * LINE_HEIGHT };
}

/** An event's or gateway's label with no DI label: centred under the shape. */
export function shapeLabelBox(shape: Box, text: string): Box {
  return centred(shape.x + shape.width / 2, shape.y + shape.height, text);
}

/** A flow's label with no DI label: over (or beside) the middle of its middle segment. */
export function defaultFlowLabelBox(points: Point[], text: string): Box {
  const mid = points.length / 2 - 1;
  const [first, second] = [points[Math.floor(mid)], points[Math.ceil(mid + 0.01)]];
  const centre = { x: (first.x + second.x) / 2, y: (first.y + second.y) / 2 };
  if (first.x === second.x) centre.x += FLOW_LABEL_INDENT;
  else centre.y -= FLOW_LABEL_INDENT;
  return centred(centre.x, centre.y - LABEL_HEIGHT / 2, text);
}

/** bpmn-js measures a label without DI bounds and centres it on where it belongs. */
function centred(x: number, top: number, text: string): Box {
  const size = labelSize(text);
  return { x: x - size.width / 2, y: top, ...size };
}

/** A label whose DI gives its bounds: bpmn-js keeps x, y and width and measures the height. */
export function placedLabelBox(bounds: Box, text: string): Box {
  const { height } = labelSize(text, bounds.width);
  return { x: bounds.x, y: bounds.y, width: bounds.width, height };
}

export function overlaps(a: Box, b: Box): boolean {
  return !(
    a.x + a.width <= b.x ||
    b.x + b.width <= a.x ||
    a.y + a.height <= b.y ||
    b.y + b.height <= a.y
  );
}

/** A shape, or the label of an element, as bpmn-js will draw it on one plane. */
export interface Drawn {
  /** The element the shape or label belongs to. */
  owner: string;
  label: boolean;
  box: Box;
  /** For a boundary event, the task it is attached to. */
  host?: string;
}

/**
 * The shapes and labels of a diagram's DI items, with the labels' size estimated, one list per
 * plane: bpmn-js draws a collapsed sub-process's insides on a plane of their own.
 */
export function drawnByPlane(items: ModdleElement[]): Drawn[][] {
  const planes = new Map<unknown, Drawn[]>();
  for (const item of items) {
    const el = item.bpmnElement as ModdleElement;
    const plane = el.$parent;
    if (!planes.has(plane)) planes.set(plane, []);
    planes.get(plane)!.push(...drawnItem(item));
  }
  return [...planes.values()];
}

function drawnItem(item: ModdleElement): Drawn[] {
  const el = item.bpmnElement as ModdleElement;
  const owner = el.id!;
  const name = el.name as string | undefined;
  const labelBounds = (item.label as ModdleElement | undefined)?.bounds as Box | undefined;
  if (item.$type === 'bpmndi:BPMNShape') {
    const box = { ...(item.bounds as Box) };
    const host = (el.attachedToRef as ModdleElement | undefined)?.id;
    const shape: Drawn = { owner, label: false, box, ...(host ? { host } : {}) };
    if (!name || !hasExternalLabel(el.$type)) return [shape];
    const label = labelBounds ? placedLabelBox(labelBounds, name) : shapeLabelBox(box, name);
    return [shape, { owner, label: true, box: label }];
  }
  if (item.$type !== 'bpmndi:BPMNEdge' || !name) return [];
  const points = item.waypoint as unknown as Box[];
  const label = labelBounds ? placedLabelBox(labelBounds, name) : defaultFlowLabelBox(points, name);
  return [{ owner, label: true, box: label }];
}

/**
 * The pairs that overlap, by the viewer test's rule (`test/e2e/bpmn-overlaps.ts`): an element may
 * overlap its own label, and a boundary event its task.
 */
export function overlappingPairs(drawn: Drawn[]): string[] {
  const name = (d: Drawn) => (d.label ? `label of ${d.owner}` : d.owner);
  const found: string[] = [];
  drawn.forEach((a, i) => {
    for (const b of drawn.slice(i + 1)) {
      if (a.owner === b.owner) continue;
      if (a.host === b.owner || b.host === a.owner) continue;
      if (overlaps(a.box, b.box)) found.push(`${name(a)} × ${name(b)}`);
    }
  });
  return found;
}
