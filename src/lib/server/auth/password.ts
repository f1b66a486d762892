import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 12;

// Argon2id (the library's default algorithm) with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Common passwords long enough to pass the length rule, and the words most long common passwords are built on.
const COMMON = new Set(
	`password1234 password12345 password123456 passw0rd1234 qwertyuiop12 qwertyuiop123 qwerty123456 123456789012
1234567890123 111111111111 000000000000 123123123123 abc123abc123 abcdefghijkl iloveyou1234 letmein12345 welcome12345
administrator changeme1234 football1234 baseball1234 trustno11234 sunshine1234 princess1234 superman1234
qwertyqwerty asdfghjkl123 zxcvbnm12345 1q2w3e4r5t6y 1qaz2wsx3edc monkey123456 dragon123456 master123456
correcthorsebatterystaple passwordpassword nhspassword1 nhspassword123 password2024 password2025 password2026
welcome2024! welcome2025! welcome2026! spring2025!! summer2025!! autumn2025!! winter2025!!`.split(/\s+/)
);
const COMMON_STEMS = ['password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'changeme', '123456', 'abcdef'];

/** Why a new password is not acceptable, or null when it is. */
export function checkPasswordPolicy(password: string, { email }: { email?: string } = {}): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${password.length}).`;
	if (password.length > 256) return 'Use at most 256 characters.';
	const lower = password.toLowerCase();
	const stripped = lower.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '');
	if (COMMON.has(lower) || COMMON_STEMS.some((stem) => stripped === stem || lower.replace(/[\d\W_]+/g, '') === stem)) {
		return 'This password is on a list of common passwords. Choose a longer phrase of unrelated words.';
	}
	if (new Set(lower).size < 4) return 'Use more than a few different characters.';
	const local = email?.split('@')[0]?.toLowerCase();
	if (local && local.length >= 4 && lower.includes(local)) return 'Do not include your email address in your password.';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A random password for new accounts and resets: 20 characters from an unambiguous alphabet. */
export function createRandomPassword(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join('');
}
