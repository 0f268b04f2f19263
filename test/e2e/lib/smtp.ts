// A minimal SMTP server on 127.0.0.1 for the e2e tests: n8n's Send Email node (nodemailer)
// delivers to it and the test reads what arrived. Plain text only (no STARTTLS offered, so
// nodemailer does not try to upgrade), any AUTH accepted, every message recorded and parsed
// enough to check the subject, the text and the attachments.
//
//   const smtp = await startSmtpServer();
//   // SMTP credential: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true }
//   const [mail] = await smtp.waitForMessages(1);
//   mail.attachments[0].filename; mail.attachments[0].content;  // Buffer
//   await smtp.close();
import * as net from 'net';

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
	/** The first text/plain part that is not an attachment. */
	text?: string;
	html?: string;
	attachments: MailAttachment[];
	/** Top-level headers, names in lower case, encoded words decoded. */
	headers: Record<string, string>;
	/** Whether the client logged in (AUTH) before sending. */
	authenticated: boolean;
	raw: string;
}

export interface SmtpServer {
	port: number;
	host: string;
	/** Messages received so far, oldest first. */
	readonly messages: ReceivedMail[];
	waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

const HOST = '127.0.0.1';
// Far above any invoice PDF; a runaway client is cut off instead of filling memory.
const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;

export async function startSmtpServer(): Promise<SmtpServer> {
	const messages: ReceivedMail[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		handleSession(socket, (mail) => messages.push(mail));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, HOST, () => resolve());
	});
	const { port } = server.address() as net.AddressInfo;
	return {
		port,
		host: HOST,
		messages,
		async waitForMessages(count, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			while (messages.length < count) {
				if (Date.now() > deadline) throw new Error(`only ${messages.length} of ${count} mails received after ${timeoutMs} ms`);
				await new Promise((r) => setTimeout(r, 50));
			}
			return messages.slice();
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

function handleSession(socket: net.Socket, deliver: (mail: ReceivedMail) => void): void {
	let buffer = Buffer.alloc(0);
	let inData = false;
	// AUTH LOGIN asks for the user, then the password, each on a line of its own.
	let authStep: 'user' | 'password' | undefined;
	let authenticated = false;
	let from: string | undefined;
	let to: string[] = [];
	const reply = (line: string) => socket.write(`${line}\r\n`);
	const resetEnvelope = () => {
		from = undefined;
		to = [];
	};

	const command = (line: string) => {
		if (authStep) {
			authStep = authStep === 'user' ? 'password' : undefined;
			if (authStep) return reply('334 UGFzc3dvcmQ6');
			authenticated = true;
			return reply('235 2.7.0 Authentication successful');
		}
		const verb = line.slice(0, 4).toUpperCase();
		const arg = line.slice(4).trim();
		switch (verb) {
			case 'EHLO':
				// No STARTTLS: the client stays on plain text. AUTH in case it has a user set.
				return socket.write('250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 31457280\r\n');
			case 'HELO':
				return reply('250 localhost');
			case 'AUTH': {
				const [mechanism, initial] = arg.split(/\s+/);
				if (/^plain$/i.test(mechanism)) {
					if (initial) {
						authenticated = true;
						return reply('235 2.7.0 Authentication successful');
					}
					// PLAIN without an initial response: the credentials come on the next line.
					authStep = 'password';
					return reply('334 ');
				}
				if (/^login$/i.test(mechanism)) {
					authStep = initial ? 'password' : 'user';
					return reply(initial ? '334 UGFzc3dvcmQ6' : '334 VXNlcm5hbWU6');
				}
				return reply('504 5.5.4 Unrecognized authentication type');
			}
			case 'MAIL':
				resetEnvelope();
				from = addressOf(arg);
				return reply('250 2.1.0 OK');
			case 'RCPT':
				if (from === undefined) return reply('503 5.5.1 MAIL first');
				to.push(addressOf(arg));
				return reply('250 2.1.5 OK');
			case 'DATA':
				if (from === undefined || to.length === 0) return reply('503 5.5.1 MAIL and RCPT first');
				inData = true;
				return reply('354 End data with <CR><LF>.<CR><LF>');
			case 'RSET':
				resetEnvelope();
				return reply('250 2.0.0 OK');
			case 'NOOP':
				return reply('250 2.0.0 OK');
			case 'QUIT':
				reply('221 2.0.0 Bye');
				return socket.end();
			default:
				return reply('502 5.5.2 Command not implemented');
		}
	};

	socket.on('data', (chunk: Buffer) => {
		buffer = Buffer.concat([buffer, chunk]);
		for (;;) {
			if (inData) {
				// The message ends with a line holding a single dot.
				const end = buffer.indexOf('\r\n.\r\n');
				if (end < 0) {
					if (buffer.length > MAX_MESSAGE_BYTES) {
						reply('552 5.3.4 Message too big');
						socket.destroy();
					}
					return;
				}
				const raw = buffer
					.subarray(0, end + 2)
					.toString('latin1')
					// Undo dot-stuffing (RFC 5321 4.5.2).
					.replace(/^\.\./gm, '.');
				buffer = buffer.subarray(end + 5);
				inData = false;
				try {
					deliver({ ...parseMessage(raw), from: from ?? '', to, authenticated, raw });
					reply('250 2.0.0 OK: queued');
				} catch (error) {
					reply(`554 5.6.0 Unparsable message: ${(error as Error).message}`);
				}
				resetEnvelope();
				continue;
			}
			const eol = buffer.indexOf('\r\n');
			if (eol < 0) return;
			const line = buffer.subarray(0, eol).toString('utf8');
			buffer = buffer.subarray(eol + 2);
			command(line);
		}
	});
	socket.on('error', () => undefined); // A client that hangs up is not a test failure.
	reply('220 localhost ESMTP test server');
}

// "FROM:<a@b.c> SIZE=123" → a@b.c
function addressOf(arg: string): string {
	const m = /<([^>]*)>/.exec(arg);
	return m ? m[1] : arg.replace(/^(FROM|TO):/i, '').trim();
}

// --- MIME, just enough: nested multipart, base64 / quoted-printable, encoded words, RFC 2231.

interface Part {
	headers: Record<string, string>;
	body: string;
}

function parseMessage(raw: string): Omit<ReceivedMail, 'from' | 'to' | 'authenticated' | 'raw'> {
	const top = splitPart(raw);
	const mail: Omit<ReceivedMail, 'from' | 'to' | 'authenticated' | 'raw'> = {
		subject: top.headers.subject ?? '',
		headers: top.headers,
		attachments: [],
	};
	walk(top, mail);
	return mail;
}

function walk(part: Part, mail: Omit<ReceivedMail, 'from' | 'to' | 'authenticated' | 'raw'>): void {
	const { value: type, params } = headerValue(part.headers['content-type'] ?? 'text/plain');
	const mediaType = type.toLowerCase();
	if (mediaType.startsWith('multipart/')) {
		const boundary = params.boundary;
		if (!boundary) throw new Error('multipart without a boundary');
		for (const child of splitMultipart(part.body, boundary)) walk(splitPart(child), mail);
		return;
	}
	const disposition = part.headers['content-disposition'] ? headerValue(part.headers['content-disposition']) : undefined;
	const filename = disposition?.params.filename ?? params.name;
	const content = decodeBody(part.body, part.headers['content-transfer-encoding']);
	const isAttachment = disposition?.value.toLowerCase() === 'attachment' || filename !== undefined || part.headers['content-id'] !== undefined;
	if (!isAttachment && mediaType === 'text/plain' && mail.text === undefined) {
		mail.text = content.toString(charsetOf(params.charset));
	} else if (!isAttachment && mediaType === 'text/html' && mail.html === undefined) {
		mail.html = content.toString(charsetOf(params.charset));
	} else {
		mail.attachments.push({
			filename,
			contentType: mediaType,
			disposition: disposition?.value.toLowerCase(),
			contentId: part.headers['content-id']?.replace(/^<|>$/g, ''),
			content,
		});
	}
}

// Headers (unfolded, names lower case, encoded words decoded) and the body after the blank line.
function splitPart(raw: string): Part {
	const sep = raw.indexOf('\r\n\r\n');
	const head = sep < 0 ? raw : raw.slice(0, sep);
	const body = sep < 0 ? '' : raw.slice(sep + 4);
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		// The first occurrence wins (Received: lines and the like do not matter here).
		headers[name] ??= decodeWords(line.slice(colon + 1).trim());
	}
	return { headers, body };
}

function splitMultipart(body: string, boundary: string): string[] {
	const parts: string[] = [];
	const delimiter = `--${boundary}`;
	const lines = body.split('\r\n');
	let current: string[] | undefined;
	for (const line of lines) {
		if (line === delimiter || line === `${delimiter}--`) {
			if (current) parts.push(current.join('\r\n'));
			current = line === delimiter ? [] : undefined;
			if (!current) break;
		} else if (current) {
			current.push(line);
		}
	}
	return parts;
}

// 'attachment; filename="a.pdf"' → { value: 'attachment', params: { filename: 'a.pdf' } }
function headerValue(header: string): { value: string; params: Record<string, string> } {
	const [value, ...rest] = header.split(';');
	const params: Record<string, string> = {};
	const continued: Record<string, string[]> = {};
	for (const piece of rest) {
		const eq = piece.indexOf('=');
		if (eq < 0) continue;
		const key = piece.slice(0, eq).trim().toLowerCase();
		const raw = piece.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
		// RFC 2231: name*=utf-8''a%C3%B1o.pdf, or split as name*0*=..., name*1*=...
		const m = /^([^*]+)\*(?:(\d+)\*?)?$/.exec(key);
		if (m) (continued[m[1]] ??= [])[Number(m[2] ?? 0)] = raw;
		else params[key] = raw;
	}
	for (const [key, pieces] of Object.entries(continued)) {
		const joined = pieces.join('');
		const encoded = /^([^']*)'[^']*'(.*)$/.exec(joined);
		params[key] = encoded ? Buffer.from(percentDecode(encoded[2])).toString(charsetOf(encoded[1])) : joined;
	}
	return { value: value.trim(), params };
}

function decodeBody(body: string, encoding = '7bit'): Buffer {
	switch (encoding.trim().toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/\s+/g, ''), 'base64');
		case 'quoted-printable':
			return Buffer.from(quotedPrintable(body.replace(/\r\n$/, '')));
		default:
			// 7bit / 8bit / binary: the bytes as sent (kept as latin1 so nothing is re-encoded).
			return Buffer.from(body.replace(/\r\n$/, ''), 'latin1');
	}
}

function quotedPrintable(text: string): number[] {
	const bytes: number[] = [];
	const s = text.replace(/=\r\n/g, '');
	for (let i = 0; i < s.length; i++) {
		if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
			bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(s.charCodeAt(i) & 0xff);
		}
	}
	return bytes;
}

function percentDecode(text: string): number[] {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
			bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(text.charCodeAt(i) & 0xff);
		}
	}
	return bytes;
}

// Header text arrives as latin1 (raw bytes); =?utf-8?B?...?= / =?utf-8?Q?...?= words decoded.
function decodeWords(value: string): string {
	const decoded = value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, charset: string, kind: string, text: string) => {
		const bytes =
			kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : Buffer.from(quotedPrintable(text.replace(/_/g, ' ')));
		return bytes.toString(charsetOf(charset));
	});
	// Raw 8-bit header bytes (SMTPUTF8) are UTF-8.
	return /[\x80-\xff]/.test(decoded) && !/=\?/.test(value) ? Buffer.from(decoded, 'latin1').toString('utf8') : decoded;
}

function charsetOf(charset: string | undefined): BufferEncoding {
	const c = (charset ?? 'utf-8').toLowerCase();
	return c === 'iso-8859-1' || c === 'latin1' || c === 'us-ascii' || c === 'ascii' ? 'latin1' : 'utf8';
}
