import { randomUUID } from 'node:crypto';
import type { httpClient } from './http';
import { KAMAKURA } from './users';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it gives a value; fails naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A coordinator's steps through the API, for suites that need cases at a given stage: real time
 * cannot be skipped here, so intervals are seconds where the released definitions allow them.
 */
export function caseSteps(http: ReturnType<typeof httpClient>, coordinator: string) {
  /**
   * Posts as a client should: a 503 (Temporal or PostgreSQL could not be asked, nothing was
   * taken; on a loaded machine a query can miss its deadline) is sent again after Retry-After.
   */
  async function post(url: string, body: object | (() => object)) {
    for (let attempt = 1; ; attempt++) {
      const res = await http.post(url, body, coordinator);
      if (res.status !== 503 || attempt === 4) return res;
      await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
    }
  }

  async function referred(): Promise<string> {
    const id = randomUUID();
    const res = await post('/v1/cases', {
      id,
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: 'houkatsu-kamakura',
      householdName: '稲村 世帯',
    });
    // 200: a retry after a 503 found the referral its first attempt made (the same body).
    if (res.status !== 201 && res.status !== 200 && res.status !== 202) {
      throw new Error(`referral: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // Taken with its records pending (202, the worker that writes them slow or dead): as a client
    // should, wait until the case reads before taking its first step.
    if (res.body?.recordsPending) {
      await until(
        `the records of referral ${id}`,
        async () => (await http.get(`/v1/cases/${id}`, coordinator)).status === 200 || undefined,
        90_000,
      );
    }
    return id;
  }

  async function act(id: string, step: string, body: object | (() => object)): Promise<void> {
    const res = await post(`/v1/cases/${id}/${step}`, body);
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function waitUntilOpen(id: string, task: string): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const res = await http.get(`/v1/cases/${id}`, coordinator);
      if (res.body.workflow.openTasks?.some((t: { elementId: string }) => t.elementId === task))
        return;
      await sleep(200);
    }
    throw new Error(`${task} never opened`);
  }

  /** A case in support (plan agreed at the meeting, consented) with the given intervals. */
  async function inSupport(
    monitoringInterval: string,
    contactInterval: string,
    agency = 'houkatsu-kamakura',
  ): Promise<string> {
    const id = await referred();
    await act(id, 'consent', { status: 'given' });
    await act(id, 'assessment', { summary: 's' });
    await act(id, 'plan', {
      goals: 'g',
      agencies: [agency],
      monitoringInterval,
      contactInterval,
    });
    await waitUntilOpen(id, 'schedule');
    // A few seconds ahead of the API's check (meetings are not scheduled in the past), counted
    // from each send: a client that retries after a 503 or a dead API sends a date still ahead.
    await act(id, 'meeting/schedule', () => ({
      scheduledAt: new Date(Date.now() + 3000).toISOString(),
      attendees: [agency],
    }));
    await waitUntilOpen(id, 'recordOutcome');
    await act(id, 'meeting/outcome', { outcome: 'agreed', approvedPlanVersion: 1 });
    await act(id, 'plan-consent', { agreed: true });
    return id;
  }

  return { referred, act, waitUntilOpen, inSupport };
}
