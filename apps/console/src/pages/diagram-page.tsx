import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useId, useRef, useState } from 'react';
import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { api } from '../api/client';
import {
  DiagramElement,
  DiagramState,
  markerOf,
  Step,
  stepsByState,
  STATES,
} from '../diagram/standing';
import { Lang, useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, Loading, PageTitle, Problem, secondaryButtonClass, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';

/** The parts of bpmn-js's services the page calls (its typings leave `get` untyped). */
interface Registry {
  getAll(): { id: string; type: string; businessObject?: BusinessObject }[];
}
interface BusinessObject {
  name?: string;
  $attrs?: Record<string, string>;
}
interface Canvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  addMarker(id: string, marker: string): void;
  getContainer(): HTMLElement;
}

const ZOOM_STEP = 1.25;
/** The namespace of our BPMN extensions (libs/bpmn/src/sss.moddle.json). */
const SSS = 'https://sss.example.jp/schemas/bpmn/1.0';

/** The drawing's names in the reader's language: a definition's Japanese is its `sss:nameJa`. */
function inLanguage(xml: string, lang: Lang): string {
  if (lang !== 'ja') return xml;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.querySelector('parsererror')) return xml;
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const ja = el.getAttributeNS(SSS, 'nameJa');
    if (ja) el.setAttribute('name', ja);
  }
  return new XMLSerializer().serializeToString(doc);
}

/**
 * A case's process diagram (its pinned definition's BPMN) with the steps done, open and overdue
 * marked, a legend, and the open and overdue steps in text: the drawing alone is not accessible.
 */
export function DiagramPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const {
    data: xml,
    status,
    loading,
    reload,
  } = useLoad(
    // The API answers BPMN XML (application/xml), not JSON: read it as text.
    () => api.GET('/v1/cases/{id}/diagram', { params: { path: { id } }, parseAs: 'text' }),
    [id],
  );
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer>(null);
  const [steps, setSteps] = useState<Record<DiagramState, Step[]>>();
  const [broken, setBroken] = useState(false);
  const textId = useId();

  useEffect(() => {
    const node = container.current;
    if (!xml || !node) return;
    let live = true;
    let shown: NavigatedViewer | undefined;
    void (async () => {
      try {
        // bpmn-js is loaded with this page only: the rest of the console does not carry it.
        const { default: Viewer } = await import('bpmn-js/lib/NavigatedViewer');
        if (!live) return;
        shown = new Viewer({ container: node });
        await shown.importXML(inLanguage(xml, lang));
        if (!live) return;
        viewer.current = shown;
        const canvas = shown.get<Canvas>('canvas');
        const elements: DiagramElement[] = shown
          .get<Registry>('elementRegistry')
          .getAll()
          .map((e) => ({
            id: e.id,
            type: e.type,
            name: e.businessObject?.name,
            state: e.businessObject?.$attrs?.['sss:state'],
          }));
        for (const e of elements) {
          if ((STATES as readonly string[]).includes(e.state ?? '') && e.type !== 'label') {
            canvas.addMarker(e.id, markerOf(e.state as DiagramState));
          }
        }
        canvas.zoom('fit-viewport', 'auto');
        // The drawing is focusable (arrow keys move it): name it and point to its text.
        const svg = canvas.getContainer().querySelector('svg');
        svg?.setAttribute('aria-label', t('diagramLabel'));
        svg?.setAttribute('aria-describedby', textId);
        setSteps(stepsByState(elements));
        setBroken(false);
      } catch {
        if (live) setBroken(true);
      }
    })();
    return () => {
      live = false;
      shown?.destroy();
      if (viewer.current === shown) viewer.current = null;
    };
  }, [xml, lang, t, textId]);

  const zoom = (by: number | 'fit') => {
    const canvas = viewer.current?.get<Canvas>('canvas');
    if (!canvas) return;
    if (by === 'fit') canvas.zoom('fit-viewport', 'auto');
    else canvas.zoom(canvas.zoom() * by, 'auto');
  };

  return (
    <>
      <PageTitle>{t('diagram')}</PageTitle>
      <p className="mb-4">
        <a className={linkClass} href={hrefOf({ page: 'case', id })}>
          {t('backToCase')}
        </a>
      </p>
      {loading && !xml ? (
        <Loading />
      ) : !xml ? (
        <Problem status={status} />
      ) : broken ? (
        <Problem />
      ) : null}
      {xml && !broken && (
        <>
          <Legend />
          <div className="mb-2 flex flex-wrap items-center gap-3">
            <button type="button" className={secondaryButtonClass} onClick={() => zoom(ZOOM_STEP)}>
              {t('zoomIn')}
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => zoom(1 / ZOOM_STEP)}
            >
              {t('zoomOut')}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => zoom('fit')}>
              {t('zoomFit')}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={reload}>
              {t('reload')}
            </button>
          </div>
          <p className="mb-2 text-solid-gray-700">{t('diagramKeys')}</p>
        </>
      )}
      <div
        ref={container}
        data-testid="case-diagram"
        className={`case-diagram mb-8 h-[36rem] rounded-8 border border-solid-gray-300 bg-white ${xml && !broken ? '' : 'hidden'}`}
      />
      {steps && <StepsText id={textId} steps={steps} />}
    </>
  );
}

/** What each marking means; the patterns differ as well as the colours (not colour alone). */
function Legend() {
  const { t } = useI18n();
  return (
    <Section title={t('legend')}>
      <ul className="flex flex-wrap gap-6">
        {STATES.map((state) => (
          <li key={state} className="flex items-center gap-2">
            <span aria-hidden="true" className={`legend-swatch legend-${state}`} />
            {t(`state_${state}`)}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The diagram's text alternative: the steps overdue and open, then those done. */
function StepsText({ id, steps }: { id: string; steps: Record<DiagramState, Step[]> }) {
  const { t } = useI18n();
  return (
    <div id={id}>
      <Section title={t('whereItStands')}>
        {STATES.map((state) => (
          <div key={state} className="mb-4">
            <h3 className="text-std-20B-150">
              {t(`state_${state}`)}（{steps[state].length}
              {t('count')}）
            </h3>
            {steps[state].length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul className="list-disc pl-6" data-testid={`steps-${state}`}>
                {steps[state].map((s) => (
                  <li key={s.id}>{s.name}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </Section>
    </div>
  );
}
