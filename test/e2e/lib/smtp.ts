// An SMTP server on 127.0.0.1 for the e2e tests, built on `smtp-server` and `mailparser` (the
// Nodemailer project's own server and parser): n8n's Send Email node (nodemailer) delivers to
// it and the test reads what arrived. Plain text only (STARTTLS not offered, so nodemailer does
// not try to upgrade), any AUTH accepted, every message recorded and parsed.
//
//   const smtp = await startSmtpServer();
//   // SMTP credential: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true }
//   const [mail] = await smtp.waitForMessages(1);
//   mail.attachments[0].filename; mail.attachments[0].content;  // Buffer
//   await smtp.close();
import type { AddressInfo } from 'net';
import { simpleParser, type HeaderValue } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface MailAttachment {
	filename?: string;
	contentType: string;
	/** inline (Content-ID, cid:) or attachment, from Content-Disposition. */
	disposition?: string;
	contentId?: string;
	content: Buffer;
}

export interface ReceivedMail {
	/** MAIL FROM (envelope). */
	from: string;
	/** RCPT TO (envelope), in order. */
	to: string[];
	/** The decoded Subject header. */
	subject: string;
	/** The plain-text body (not an attachment); mailparser derives it from the HTML when there is none. */
	text?: string;
	html?: string;
	attachments: MailAttachment[];
	/** Top-level headers, names in lower case, decoded to text. */
	headers: Record<string, string>;
	/** Whether the client logged in (AUTH) before sending. */
	authenticated: boolean;
	/** The message as received (latin1: one character per byte). */
	raw: string;
}

export interface SmtpServer {
	port: number;
	host: string;
	/** Messages received so far, oldest first. */
	readonly messages: ReceivedMail[];
	/** Resolves once `count` messages have arrived; rejects after `timeoutMs` (default 2 min). */
	waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

const HOST = '127.0.0.1';
// Far above any invoice PDF; a runaway client is refused instead of filling memory.
const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;

export async function startSmtpServer(): Promise<SmtpServer> {
	const messages: ReceivedMail[] = [];
	const arrived = new Set<() => void>();
	const server = new SMTPServer({
		secure: false,
		disabledCommands: ['STARTTLS'],
		// Loopback test server: AUTH without TLS, any user and password; sending without AUTH too
		// (`authenticated` tells the test which it was).
		allowInsecureAuth: true,
		authOptional: true,
		authMethods: ['PLAIN', 'LOGIN'],
		size: MAX_MESSAGE_BYTES,
		logger: false,
		onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'user' }),
		onData: (stream, session, callback) => {
			receive(stream, session).then(
				(mail) => {
					messages.push(mail);
					for (const wake of arrived) wake();
					callback();
				},
				(error: Error & { responseCode?: number }) => callback(error),
			);
		},
	});
	await new Promise<void>((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(0, HOST, () => resolve());
	});
	const { port } = server.server.address() as AddressInfo;
	return {
		port,
		host: HOST,
		messages,
		waitForMessages: (count, timeoutMs = 120_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					if (messages.length < count) return;
					cleanup();
					resolve(messages.slice());
				};
				const timer = setTimeout(() => {
					cleanup();
					reject(
						new Error(`only ${messages.length} of ${count} mails received after ${timeoutMs} ms`),
					);
				}, timeoutMs);
				const cleanup = () => {
					clearTimeout(timer);
					arrived.delete(check);
				};
				arrived.add(check);
				check();
			}),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function receive(
	stream: SMTPServerDataStream,
	session: SMTPServerSession,
): Promise<ReceivedMail> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	if (stream.sizeExceeded) throw Object.assign(new Error('Message too big'), { responseCode: 552 });
	const raw = Buffer.concat(chunks);
	const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
	const headers: Record<string, string> = {};
	for (const [name, value] of parsed.headers) headers[name.toLowerCase()] = headerText(value);
	return {
		from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
		to: session.envelope.rcptTo.map((r) => r.address),
		subject: parsed.subject ?? '',
		text: parsed.text,
		html: parsed.html === false ? undefined : parsed.html,
		attachments: parsed.attachments.map((a) => ({
			filename: a.filename,
			contentType: a.contentType,
			disposition: a.contentDisposition,
			contentId: a.cid,
			content: a.content,
		})),
		headers,
		authenticated: session.user !== undefined,
		raw: raw.toString('latin1'),
	};
}

/** mailparser's structured header values (addresses, dates, value + params) as one line of text. */
function headerText(value: HeaderValue): string {
	if (typeof value === 'string') return value;
	if (value instanceof Date) return value.toUTCString();
	if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
	if ('text' in value && typeof value.text === 'string') return value.text;
	if ('value' in value && typeof value.value === 'string') {
		const { params } = value as { params?: Record<string, string> };
		return (
			value.value +
			Object.entries(params ?? {})
				.map(([k, v]) => `; ${k}=${v}`)
				.join('')
		);
	}
	return JSON.stringify(value);
}
