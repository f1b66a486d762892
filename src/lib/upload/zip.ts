/**
 * ZIP archives, as NHS England publishes some of its files: the central directory is read for what the archive
 * holds, and one entry is inflated with the platform's DecompressionStream (browser and Node alike; no library, no
 * network). Only what a data file needs: stored and deflated entries, ZIP64 sizes, no encryption.
 */

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated; anything else cannot be read here. */
	method: number;
	encrypted: boolean;
	compressedSize: number;
	size: number;
	crc32: number;
	localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FULL32 = 0xffffffff;

/** A ZIP starts with its first entry's local header, or (empty) with the end record. */
export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const u64 = (v: DataView, at: number) => Number(v.getBigUint64(at, true));

/** The entries of a ZIP archive, or why they cannot be read. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | string {
	const v = view(bytes);
	// The end-of-central-directory record is the last 22 bytes, or earlier by a comment of up to 65,535 bytes.
	let end = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
		if (v.getUint32(at, true) === EOCD) {
			end = at;
			break;
		}
	if (end < 0) return 'its table of contents (the end of the archive) is missing: the file may be cut short or still downloading';
	let count = v.getUint16(end + 10, true);
	let offset = v.getUint32(end + 16, true);
	if ((count === 0xffff || offset === FULL32) && end >= 20 && v.getUint32(end - 20, true) === ZIP64_LOCATOR) {
		const at = u64(v, end - 20 + 8);
		if (at + 56 > bytes.length || v.getUint32(at, true) !== ZIP64_EOCD) return 'its ZIP64 table of contents is damaged';
		count = u64(v, at + 32);
		offset = u64(v, at + 48);
	}
	const entries: ZipEntry[] = [];
	let at = offset;
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || v.getUint32(at, true) !== CENTRAL) return 'its table of contents is damaged';
		const flags = v.getUint16(at + 8, true);
		const nameLength = v.getUint16(at + 28, true);
		const extraLength = v.getUint16(at + 30, true);
		const commentLength = v.getUint16(at + 32, true);
		const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(at + 46, at + 46 + nameLength));
		// A file name never holds control characters: these are bytes of something else, read as a name.
		// eslint-disable-next-line no-control-regex
		if (!name || /[\u0000-\u001f\ufffd]/.test(name) || name.length > 1_000) return 'its table of contents is damaged';
		const entry: ZipEntry = {
			name,
			method: v.getUint16(at + 10, true),
			encrypted: (flags & 1) === 1,
			crc32: v.getUint32(at + 16, true),
			compressedSize: v.getUint32(at + 20, true),
			size: v.getUint32(at + 24, true),
			localOffset: v.getUint32(at + 42, true)
		};
		// ZIP64: the sizes and offset that did not fit in 32 bits are in extra field 0x0001, in this order.
		const extraEnd = Math.min(at + 46 + nameLength + extraLength, bytes.length);
		for (let x = at + 46 + nameLength; x + 4 <= extraEnd;) {
			const id = v.getUint16(x, true);
			const length = v.getUint16(x + 2, true);
			if (id === 1) {
				let field = x + 4;
				for (const key of ['size', 'compressedSize', 'localOffset'] as const)
					if (entry[key] === FULL32 && field + 8 <= Math.min(x + 4 + length, extraEnd)) {
						entry[key] = u64(v, field);
						field += 8;
					}
			}
			x += 4 + length;
		}
		entries.push(entry);
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** Folders, and what operating systems add to an archive (macOS resource forks, thumbnails, hidden files). */
export const isClutter = (name: string) => name.endsWith('/') || /(^|\/)(__MACOSX\/|\.|Thumbs\.db$|desktop\.ini$)/i.test(name);

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** The CRC-32 so far (`c`, starting at 0xFFFFFFFF) taken on over `chunk`; the checksum is the end's `(c ^ 0xFFFFFFFF) >>> 0`. */
function crcOn(c: number, chunk: Uint8Array) {
	for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]) & 0xff] ^ (c >>> 8);
	return c;
}

const crc32 = (chunks: Uint8Array[]) => (chunks.reduce(crcOn, FULL32) ^ FULL32) >>> 0;

/** An entry's bytes as stored in the archive (compressed or not), or why they cannot be had. */
function storedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | string {
	if (entry.encrypted) return 'it is protected by a password; unzip it yourself and choose the file inside';
	if (entry.method !== 0 && entry.method !== 8)
		return `it is compressed by a method the browser cannot undo (ZIP method ${entry.method}); unzip it yourself and choose the file inside, or zip it again with ordinary (deflate) compression`;
	const v = view(bytes);
	const at = entry.localOffset;
	if (at + 30 > bytes.length || v.getUint32(at, true) !== LOCAL) return 'the archive is damaged (an entry is not where its table of contents says)';
	const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
	if (start + entry.compressedSize > bytes.length) return 'the archive is cut short: the file may not have finished downloading';
	return bytes.subarray(start, start + entry.compressedSize);
}

/** An entry's contents as they unzip, chunk by chunk. */
const inflating = (entry: ZipEntry, stored: Uint8Array): ReadableStream<Uint8Array> => {
	const blob = new Blob([stored as Uint8Array<ArrayBuffer>]).stream();
	return entry.method === 0 ? blob : blob.pipeThrough(new DecompressionStream('deflate-raw'));
};

const DAMAGED = 'the archive is damaged: what unzips is not what was zipped (its checksum differs)';
const undoneWhy = (error: unknown) => `the archive is damaged: it could not be unzipped (${(error as Error).message.slice(0, 120)})`;

/** One entry's bytes, or why they cannot be had; `maxBytes` stops an archive that inflates without end. */
export async function unzipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<Uint8Array | string> {
	const stored = storedBytes(bytes, entry);
	if (typeof stored === 'string') return stored;
	if (entry.size > maxBytes)
		return `it unzips to ${(entry.size / 1e6).toFixed(0)} MB, more than the ${(maxBytes / 1e6).toFixed(0)} MB that can be checked here`;
	const chunks: Uint8Array[] = [];
	let total = 0;
	if (entry.method === 0) chunks.push(stored);
	else {
		const reader = inflating(entry, stored).getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				total += value.length;
				if (total > maxBytes) {
					await reader.cancel();
					return `it unzips to more than the ${(maxBytes / 1e6).toFixed(0)} MB that can be checked here`;
				}
				chunks.push(value);
			}
		} catch (error) {
			return undoneWhy(error);
		}
	}
	if (crc32(chunks) !== entry.crc32) return DAMAGED;
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** The first `n` bytes an entry unzips to (fewer if it is shorter), or why they cannot be had: to see what it is. */
export async function unzipHead(bytes: Uint8Array, entry: ZipEntry, n: number): Promise<Uint8Array | string> {
	const stored = storedBytes(bytes, entry);
	if (typeof stored === 'string') return stored;
	const reader = inflating(entry, stored).getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		while (total < n) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			total += value.length;
		}
		await reader.cancel();
	} catch (error) {
		return undoneWhy(error);
	}
	const out = new Uint8Array(Math.min(total, n));
	let offset = 0;
	for (const chunk of chunks) {
		const part = chunk.subarray(0, out.length - offset);
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/**
 * An entry unzipped into a File, for DuckDB to read where it is: the browser keeps a File's bytes itself (on disk
 * when they are many), not in the page's memory, so a record-level extract of any size can be unzipped and counted.
 * The checksum is checked on the way, and an entry that unzips to more than its table of contents says is stopped
 * there (a damaged or hostile archive would otherwise fill the disk). `onProgress` is told the bytes unzipped so
 * far; `signal` stops it ("Cancelled.").
 */
export async function unzipToFile(
	bytes: Uint8Array,
	entry: ZipEntry,
	{ onProgress, signal }: { onProgress?: (unzipped: number) => void; signal?: AbortSignal } = {}
): Promise<File | string> {
	const stored = storedBytes(bytes, entry);
	if (typeof stored === 'string') return stored;
	let c = FULL32;
	let total = 0;
	const checked = new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, out) {
			total += chunk.length;
			if (total > entry.size) throw new Error(`it unzips to more than the ${entry.size.toLocaleString('en-GB')} bytes its table of contents gives`);
			c = crcOn(c, chunk);
			onProgress?.(total);
			out.enqueue(chunk);
		}
	});
	let blob: Blob;
	try {
		blob = await new Response(inflating(entry, stored).pipeThrough(checked, { signal })).blob();
	} catch (error) {
		if (signal?.aborted) return 'Cancelled.';
		return undoneWhy(error);
	}
	if (signal?.aborted) return 'Cancelled.';
	if ((c ^ FULL32) >>> 0 !== entry.crc32) return DAMAGED;
	return new File([blob], entry.name.split('/').pop() || entry.name, { type: 'text/csv' });
}
