// The one way mail leaves the shop: a small interface the jobs depend on, and its SMTP implementation (nodemailer).
// Framework-free: the SMTP settings are passed in (`smtpConfigFromEnv(env())` at the edge), never read here.
import nodemailer from 'nodemailer';
import type { Env } from '../core/env';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
  /**
   * Becomes the Message-ID's left part (`<stableId@sender-domain>`). sendEmailOnce passes one per delivery, so a copy
   * sent again after a crash carries the same Message-ID and mail systems that deduplicate on it can drop it.
   */
  stableId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** "Shop name <address>" */
  from: string;
  /** Limits so a hung server fails the job (and it retries) instead of holding a claimed email forever. */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

export function smtpConfigFromEnv(source: Pick<Env, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'MAIL_FROM'>): SmtpConfig {
  return {
    host: source.SMTP_HOST,
    port: source.SMTP_PORT,
    secure: source.SMTP_SECURE,
    user: source.SMTP_USER,
    password: source.SMTP_PASSWORD,
    from: source.MAIL_FROM,
  };
}

/** Longest an SMTP exchange may take with the default limits; the delivery lease in sendEmailOnce is well above it. */
export const SMTP_DEFAULT_TIMEOUTS = { connectionTimeoutMs: 10_000, socketTimeoutMs: 30_000 } as const;

export function smtpMailer(config: SmtpConfig): Mailer & { close(): void } {
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'localhost';
  const connectionTimeout = config.connectionTimeoutMs ?? SMTP_DEFAULT_TIMEOUTS.connectionTimeoutMs;
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout,
    greetingTimeout: connectionTimeout,
    socketTimeout: config.socketTimeoutMs ?? SMTP_DEFAULT_TIMEOUTS.socketTimeoutMs,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.stableId ? `<${message.stableId}@${domain}>` : undefined,
        attachments: message.attachments?.map((attachment) => ({
          filename: attachment.filename,
          content: attachment.content,
          contentType: attachment.contentType,
        })),
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
