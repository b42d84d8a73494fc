import { ConflictException } from '@nestjs/common';
import type { ApiEnvironment } from '@sss/config';
import type { ProcessView } from '@sss/domain';
import type { CaseClients } from '../temporal/case-clients';
import { CaseProcess } from './case-process';

/** A case in planning whose meeting (a child process on `meeting`) waits for its day. */
function temporalWith(meeting: string) {
  const updates: string[] = [];
  const view = (definition: string, more: Partial<ProcessView>) =>
    ({ definition, openTasks: [], waitingFor: [], calls: [], ...more }) as unknown as ProcessView;
  const views: Record<string, ProcessView> = {
    root: view('collaboration@1', { stage: 'planning', calls: [{ elementId: 'm', workId: 'w5' }] }),
    child: view(meeting, { waitingFor: [{ elementId: 'cancelled', message: 'meetingCancelled' }] }),
  };
  const handle = (workflowId: string) => ({
    workflowId,
    describe: async () => ({ status: { name: 'RUNNING' } }),
    query: async () => (workflowId.includes('/') ? views.child : views.root),
    startUpdate: async (update: { name: string }) => {
      updates.push(update.name);
      return { result: async () => views.child };
    },
  });
  const client = {
    for: () => ({ workflow: { getHandle: handle } }),
    connection: { withAbortSignal: (_: AbortSignal, call: () => Promise<unknown>) => call() },
  } as unknown as CaseClients;
  return { client, updates };
}

const CASE = { id: '0b9c2f7e-3c55-4d2b-9a51-6f1d2c3b4a59', municipality: '142042' };
const env = { ACTION_WAIT_SECONDS: 1 } as ApiEnvironment;

describe('CaseProcess', () => {
  it('calls off a meeting date on meeting@2', async () => {
    const { client, updates } = temporalWith('meeting@2');
    expect(await new CaseProcess(client, env).perform(CASE, 'meeting.cancel', {}, 'coord-1')).toBe(
      true,
    );
    expect(updates).toEqual(['sendMessage']);
  });

  it('refuses to call off a meeting@1, which would end the meeting as if held, and sends nothing', async () => {
    const { client, updates } = temporalWith('meeting@1');
    const refused = new CaseProcess(client, env).perform(CASE, 'meeting.cancel', {}, 'coord-1');
    await expect(refused).rejects.toThrow(ConflictException);
    await expect(refused).rejects.toThrow('meeting.cancel is not possible on meeting@1');
    expect(updates).toEqual([]);
  });
});
