/**
 * Demo e-mail addresses for notices: the demo coordinator, the agencies the demo plans give
 * roles, and Kamakura's managers. Under `make up` they all land in the local mail sink.
 */
export const DEMO_ADDRESSES = [
  { recipientKind: 'person', recipient: 'demo-coordinator', address: 'coordinator@example.jp' },
  { recipientKind: 'agency', recipient: 'houkatsu-kamakura', address: 'houkatsu@example.jp' },
  { recipientKind: 'agency', recipient: 'kodomo-katei-soudan', address: 'kodomo@example.jp' },
  { recipientKind: 'agency', recipient: 'kikan-soudan', address: 'kikan@example.jp' },
  { recipientKind: 'role', recipient: 'manager', address: 'managers@example.jp' },
] as const;

/** Sets them through the API as a manager would; setting one again replaces it. */
export async function seedDemoAddresses(apiUrl: string, managerToken: string): Promise<void> {
  for (const address of DEMO_ADDRESSES) {
    const res = await fetch(`${apiUrl}/v1/notifications/addresses`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...address, channel: 'email' }),
    });
    if (!res.ok) throw new Error(`demo address ${address.recipient}: ${res.status}`);
  }
}
