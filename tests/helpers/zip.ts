import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipFile {
	name: string;
	data: Uint8Array | string;
	/** 8 deflate (the default), 0 stored, or another method number written as it is. */
	method?: number;
	/** Sizes and CRC after the data (as streaming zippers write), zeros in the local header. */
	dataDescriptor?: boolean;
	/** Sizes and offset as ZIP64 extra fields, with 0xFFFFFFFF in the 32-bit places. */
	zip64?: boolean;
	encrypted?: boolean;
	/** Declared uncompressed size, when it should not be the real one. */
	declaredSize?: number;
}

/**
 * A ZIP archive written from the format's specification (APPNOTE), independently of the importer's reader: local
 * headers, optional data descriptors and ZIP64 extra fields, the central directory and its end record.
 */
export function makeZip(files: ZipFile[], comment = ''): Uint8Array {
	const parts: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const f of files) {
		const raw = Buffer.from(f.data);
		const method = f.method ?? 8;
		const stored = method === 8 ? deflateRawSync(raw) : raw;
		const crc = crc32(raw);
		const size = f.declaredSize ?? raw.length;
		const name = Buffer.from(f.name, 'utf8');
		const flags = 0x800 | (f.dataDescriptor ? 8 : 0) | (f.encrypted ? 1 : 0);
		const extra = Buffer.alloc(f.zip64 ? 4 + 24 : 0);
		if (f.zip64) {
			extra.writeUInt16LE(1, 0);
			extra.writeUInt16LE(24, 2);
			extra.writeBigUInt64LE(BigInt(size), 4);
			extra.writeBigUInt64LE(BigInt(stored.length), 12);
			extra.writeBigUInt64LE(BigInt(offset), 20);
		}
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(f.zip64 ? 45 : 20, 4);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(f.dataDescriptor ? 0 : crc, 14);
		local.writeUInt32LE(f.dataDescriptor ? 0 : f.zip64 ? 0xffffffff : stored.length, 18);
		local.writeUInt32LE(f.dataDescriptor ? 0 : f.zip64 ? 0xffffffff : size, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const descriptor = Buffer.alloc(f.dataDescriptor ? 16 : 0);
		if (f.dataDescriptor) {
			descriptor.writeUInt32LE(0x08074b50, 0);
			descriptor.writeUInt32LE(crc, 4);
			descriptor.writeUInt32LE(stored.length, 8);
			descriptor.writeUInt32LE(size, 12);
		}
		parts.push(local, name, stored, descriptor);
		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(0x031e, 4);
		entry.writeUInt16LE(f.zip64 ? 45 : 20, 6);
		entry.writeUInt16LE(flags, 8);
		entry.writeUInt16LE(method, 10);
		entry.writeUInt32LE(crc, 16);
		entry.writeUInt32LE(f.zip64 ? 0xffffffff : stored.length, 20);
		entry.writeUInt32LE(f.zip64 ? 0xffffffff : size, 24);
		entry.writeUInt16LE(name.length, 28);
		entry.writeUInt16LE(extra.length, 30);
		entry.writeUInt32LE(f.zip64 ? 0xffffffff : offset, 42);
		central.push(entry, name, extra);
		offset += local.length + name.length + stored.length + descriptor.length;
	}
	const directory = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	end.writeUInt16LE(Buffer.byteLength(comment), 20);
	return new Uint8Array(Buffer.concat([...parts, directory, end, Buffer.from(comment)]));
}
