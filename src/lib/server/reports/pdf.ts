import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { createMemo } from '../cache/memo';
import { SESSION_COOKIE } from '../auth/sessions';

/** Chromium for PDFs: the system's (Debian's `chromium`), or CHROMIUM_PATH. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Where the PDF's Chromium reads the report from: this server itself. */
const baseUrl = () => process.env.PDF_BASE_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;

export const PDF_CONCURRENCY = 2;
export const PDF_QUEUE = 8;
export const PDF_TIMEOUT_MS = 30_000;

export class PdfUnavailableError extends Error {}
export class PdfBusyError extends Error {}

let browser: Promise<Browser> | undefined;
let running = 0;
const waiting: (() => void)[] = [];

function launch(): Promise<Browser> {
	const path = chromiumPath();
	if (!existsSync(path))
		return Promise.reject(
			new PdfUnavailableError(
				`PDFs are made with Chromium, which is not at ${path}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH. The report prints from the browser meanwhile.`
			)
		);
	browser ??= import('playwright-core')
		.then(({ chromium }) =>
			chromium.launch({
				executablePath: path,
				args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage']
			})
		)
		.then((b) => {
			b.on('disconnected', () => (browser = undefined));
			return b;
		})
		.catch((error) => {
			browser = undefined;
			throw new PdfUnavailableError(`Chromium at ${path} could not start: ${(error as Error).message.split('\n')[0]}`);
		});
	return browser;
}

async function slot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= PDF_CONCURRENCY) {
		if (waiting.length >= PDF_QUEUE) throw new PdfBusyError(`${PDF_CONCURRENCY + PDF_QUEUE} PDFs are being made already; try again in a minute.`);
		await new Promise<void>((resolve) => waiting.push(resolve));
	}
	running += 1;
	try {
		return await work();
	} finally {
		running -= 1;
		waiting.shift()?.();
	}
}

/**
 * A report's figures never change, so its PDF is made once and kept, per report and `state`: what its page says
 * about it that can change (a newer report replaces it, its data was withdrawn).
 */
const made = createMemo<Uint8Array>({ max: 30 });

/**
 * The report's page printed to an A4 PDF by headless Chromium, as the signed-in reader sees it (their session
 * cookie), after fonts and charts are in. At most PDF_CONCURRENCY at once, PDF_QUEUE waiting, PDF_TIMEOUT_MS each.
 */
export function reportPdf(reportId: string, sessionToken: string, state = ''): Promise<Uint8Array> {
	return made(`${reportId} ${state}`, () =>
		slot(async () => {
			const context = await (await launch()).newContext({ baseURL: baseUrl() });
			try {
				const url = new URL(baseUrl());
				await context.addCookies([
					{ name: SESSION_COOKIE, value: sessionToken, domain: url.hostname, path: '/', httpOnly: true, secure: url.protocol === 'https:', sameSite: 'Lax' }
				]);
				const page = await context.newPage();
				page.setDefaultTimeout(PDF_TIMEOUT_MS);
				const response = await page.goto(`/reports/${reportId}`, { waitUntil: 'networkidle', timeout: PDF_TIMEOUT_MS });
				if (!response?.ok()) throw new Error(`the report page answered ${response?.status()}`);
				await page.evaluate(() => document.fonts.ready.then(() => true));
				await page.emulateMedia({ media: 'print' });
				return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
			} finally {
				await context.close();
			}
		})
	);
}

/** Closes the PDF browser (at shutdown). */
export async function closePdfBrowser(): Promise<void> {
	const open = browser;
	browser = undefined;
	await open?.then((b) => b.close()).catch(() => {});
}
