import {
  DEFAULT_WORKING_CALENDAR,
  definitionKey,
  DefinitionFile,
  DefinitionRegistry,
  expandDefinitions,
  ProcessDefinition,
  RegistryError,
  Programme,
  ROLES,
  WorkingCalendarConfig,
  WorkingCalendarSettings,
  withSettings,
} from '@sss/domain';
import { elementsOf, japaneseNames } from './names-ja';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import collaborationKashiwaV1 from './collaboration-kashiwa/v1.json';
import collaborationKashiwaV2 from './collaboration-kashiwa/v2.json';
import collaborationKashiwaV3 from './collaboration-kashiwa/v3.json';
import collaborationV1 from './collaboration/v1.json';
import collaborationV2 from './collaboration/v2.json';
import collaborationV3 from './collaboration/v3.json';
import communityV1 from './community/v1.json';
import meetingV1 from './meeting/v1.json';
import meetingV2 from './meeting/v2.json';
import outreachKashiwaV1 from './outreach-kashiwa/v1.json';
import outreachV1 from './outreach/v1.json';
import outreachV2 from './outreach/v2.json';
import participationV1 from './participation/v1.json';
import participationV2 from './participation/v2.json';

/**
 * Every released process definition, each version a file of its own: a full definition, or an
 * overlay stating how it differs from another (`extends`), which the registry expands. A released
 * version is never edited: change it by adding the next version (see docs/definitions.md).
 */
export const RELEASED_FILES: readonly DefinitionFile[] = [
  meetingV1,
  meetingV2,
  collaborationV1,
  collaborationV2,
  collaborationV3,
  collaborationKashiwaV1,
  collaborationKashiwaV2,
  collaborationKashiwaV3,
  outreachV1,
  outreachV2,
  outreachKashiwaV1,
  participationV1,
  participationV2,
  // Drawn in Camunda Modeler (v1.bpmn); v1.json is `npm run process -- import` of it.
  communityV1,
] as unknown as DefinitionFile[];

/** The released definitions in full, overlays expanded: what runs, exports and compares. */
export const RELEASED_DEFINITIONS: readonly ProcessDefinition[] = (() => {
  const { definitions, problems } = expandDefinitions(RELEASED_FILES);
  if (problems.length) throw new RegistryError(problems);
  return definitions;
})();

/** The Japanese name of an element of a released definition (`id@version`), if it has one. */
export const japaneseName = japaneseNames(RELEASED_DEFINITIONS);

/** The English name an element of a released definition (`id@version`) has in its file. */
export const englishName: (definition: string, elementId: string) => string | undefined = (() => {
  const names = new Map<string, string>();
  for (const def of RELEASED_DEFINITIONS) {
    for (const el of elementsOf(def.elements)) {
      if (el.name) names.set(`${definitionKey(def)}/${el.id}`, el.name);
    }
  }
  return (definition, elementId) => names.get(`${definition}/${elementId}`);
})();

/** The registry of released definitions, validated against the roles and worker activities. */
export function releasedDefinitions(): DefinitionRegistry {
  return new DefinitionRegistry(RELEASED_FILES, {
    activities: PROCESS_ACTIVITIES,
    roles: ROLES,
  });
}

/** Local government codes of the municipalities with a variant of their own. */
export const KASHIWA = '122173';

/**
 * Which definition runs a programme's cases: the default (Kamakura's flow) unless the
 * municipality has its own variant. Variants are data: a new one is a definition and a line here.
 */
const PROCESSES: Partial<Record<Programme, string>> = {
  collaboration: 'collaboration',
  consultation: 'collaboration',
  outreach: 'outreach',
  participation: 'participation',
  community: 'community',
};
const VARIANTS: Record<string, Partial<Record<Programme, string>>> = {
  // Kashiwa's outreach is a variant only so that it hands over to Kashiwa's collaboration flow:
  // the hand-over is then pinned in the definition a case starts on, like every call.
  [KASHIWA]: {
    collaboration: 'collaboration-kashiwa',
    consultation: 'collaboration-kashiwa',
    outreach: 'outreach-kashiwa',
  },
};

/** Each municipality's working calendar; all use Kamakura's office hours until told otherwise. */
const CALENDARS: Record<string, WorkingCalendarConfig> = {};

/** The municipality's calendar as released, with the deployment's settings (WORKING_CALENDARS). */
export function calendarFor(
  municipality: string,
  settings: WorkingCalendarSettings = {},
): WorkingCalendarConfig {
  return withSettings(CALENDARS[municipality] ?? DEFAULT_WORKING_CALENDAR, municipality, settings);
}

export function processFor(municipality: string, programme: Programme): string | undefined {
  return VARIANTS[municipality]?.[programme] ?? PROCESSES[programme];
}
