import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/** Debian's Chromium, as root, without background network traffic (the machine has no internet). */
export const CHROMIUM = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
};

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		launchOptions: CHROMIUM
	},
	webServer: {
		// The production build, as `npm start` runs it (public URL not configured), on a fresh embedded database with test accounts.
		command: 'npx tsx tests/e2e/serve.ts',
		url: `http://127.0.0.1:${PORT}/data/demo/1/manifest.json`,
		env: { PORT: String(PORT) },
		reuseExistingServer: false,
		timeout: 60_000
	}
});
