import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { noticeEmail } from '@sss/domain';
import { ChannelDelivery, deliveryId, NoticeChannel } from './notice-channel';

/**
 * E-mail through any SMTP server (nodemailer). Every wait is bounded well inside the notice
 * activity's two-minute timeout, so a hung server fails the attempt instead of outliving it.
 */
export class EmailChannel implements NoticeChannel {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } satisfies SMTPTransport.Options);
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
    });
  }
}
