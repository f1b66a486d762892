import { hashFileInWorker } from '$lib/upload/file-hash';

/**
 * The fingerprint (SHA-256) of a record-level extract's file: made in a Worker as soon as the file is recognised,
 * while DuckDB starts and the analyst checks the columns, so that the count has the processors to itself (beside it,
 * on 2 cores, the hash made the count of 1,000,000 rows about a quarter slower). `current` is how far it has read, in
 * bytes and lines (the file's progress bar), or why it failed.
 */
export class FileFingerprint {
	current = $state<{ bytes: number; lines: number; error?: string } | null>(null);
	#job: { of: File; done: Promise<string>; abort: () => void } | null = null;

	/** Starts reading `file`, stopping any reading before. */
	start(file: File): Promise<string> {
		this.#job?.abort();
		const stopping = new AbortController();
		const job = {
			of: file,
			abort: () => stopping.abort(),
			done: hashFileInWorker(
				file,
				({ bytes, lines }) => {
					if (this.#job === job) this.current = { bytes, lines };
				},
				stopping.signal
			)
		};
		this.#job = job;
		this.current = { bytes: 0, lines: 0 };
		// The digest is taken from `done` by the count; a failure is said here, and counting makes it again.
		job.done.catch((error) => {
			if (this.#job !== job) return;
			this.#job = null;
			this.current = { bytes: 0, lines: 0, error: (error as Error).message.replace(/\.$/, '') };
		});
		return job.done;
	}

	/** The fingerprint of `file`: the reading under way if it is of that file, else a new one. */
	of(file: File): Promise<string> {
		return this.#job?.of === file ? this.#job.done : this.start(file);
	}

	stop() {
		this.#job?.abort();
		this.#job = null;
		this.current = null;
	}
}
