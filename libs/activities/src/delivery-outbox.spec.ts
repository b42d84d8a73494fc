import { failureReason } from './delivery-outbox';

describe('a failed delivery’s reason', () => {
  it('keeps the cause and drops any address the server echoed', () => {
    expect(
      failureReason(new Error('550 5.1.1 <kodomo@example.jp>: Recipient address rejected')),
    ).toBe('550 5.1.1 <<address>>: Recipient address rejected');
    expect(failureReason(new Error('connect ECONNREFUSED 127.0.0.1:1025'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1025',
    );
  });
});
