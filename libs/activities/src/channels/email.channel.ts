import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { noticeEmail } from '@sss/domain';
import { ChannelDelivery, deliveryId, NoticeChannel } from './notice-channel';

/** Connections kept open to the mail server; the dispatcher sends 16 at once (see there). */
const SMTP_CONNECTIONS = 8;
/** A message's whole wait, in the pool's queue and on the wire. */
const SEND_TIMEOUT_MS = 60_000;

/**
 * E-mail through any SMTP server (nodemailer). Every wait is bounded well inside the notice
 * activity's two-minute timeout, so a hung server fails the attempt instead of outliving it.
 * Mail goes over a few kept connections: a thousand reminders due at once would otherwise each
 * open, greet and close their own.
 */
export class EmailChannel implements NoticeChannel {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } satisfies SMTPPool.Options);
  }

  /** Closes the kept connections (at shutdown, once nothing is being sent). */
  close(): void {
    this.transport.close();
  }

  async send({ dedupeKey, address, notice }: ChannelDelivery): Promise<void> {
    const { subject, text } = noticeEmail(notice);
    await this.transport.sendMail({
      from: this.from,
      to: address,
      subject,
      text,
      // The same Message-ID on every attempt: mail systems can drop a repeat.
      messageId: `<${deliveryId(dedupeKey)}@sss.notices>`,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  }
}
