import { DefinitionRegistry, ProcessDefinition, ROLES } from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import collaborationKashiwaV1 from './collaboration-kashiwa/v1.json';
import collaborationV1 from './collaboration/v1.json';
import meetingV1 from './meeting/v1.json';

/**
 * Every released process definition, each version a file of its own. A released version is
 * never edited: change it by adding the next version (see docs/process-versioning.md).
 */
export const RELEASED_DEFINITIONS = [
  meetingV1,
  collaborationV1,
  collaborationKashiwaV1,
] as unknown as ProcessDefinition[];

/** The registry of released definitions, validated against the roles and worker activities. */
export function releasedDefinitions(): DefinitionRegistry {
  return new DefinitionRegistry(RELEASED_DEFINITIONS, {
    activities: PROCESS_ACTIVITIES,
    roles: ROLES,
  });
}
