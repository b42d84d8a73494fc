import { Service, startService, waitFor } from './child-process';
import { MAILDEV_CLI } from './paths';

export interface MailSinkOptions {
  smtpPort: number;
  webPort: number;
  logFile: string;
  /** Keeps received mail across restarts; in memory when absent. */
  mailDirectory?: string;
}

/** A received message as MailDev's REST API gives it (the fields we read). */
export interface SinkMessage {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  headers: Record<string, string>;
}

export interface MailSink {
  smtpUrl: string;
  webUrl: string;
  service: Service;
  /** Every message received so far. */
  messages(): Promise<SinkMessage[]>;
}

/**
 * A local SMTP sink (MailDev): it accepts any mail and keeps it, readable in its web UI and REST
 * API, so notices can be seen without a real mail server.
 */
export async function startMailSink(options: MailSinkOptions): Promise<MailSink> {
  const args = [
    MAILDEV_CLI,
    '--smtp',
    String(options.smtpPort),
    '--web',
    String(options.webPort),
    '--ip',
    '127.0.0.1',
    '--web-ip',
    '127.0.0.1',
    ...(options.mailDirectory ? ['--mail-directory', options.mailDirectory] : []),
  ];
  const service = startService('maildev', process.execPath, args, options.logFile);
  const webUrl = `http://127.0.0.1:${options.webPort}`;
  const messages = async (): Promise<SinkMessage[]> => {
    const res = await fetch(`${webUrl}/api/email`);
    if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
    return (await res.json()) as SinkMessage[];
  };
  await waitFor(service, messages, options.logFile);
  return { smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`, webUrl, service, messages };
}
