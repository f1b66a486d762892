import { createHash } from 'node:crypto';

/** SHA-256 in hex: how table files, manifests and uploads are named. Its own module, so the publish worker needs no engine. */
export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
