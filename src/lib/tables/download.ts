/**
 * Saves text made in the browser as a file (a CSV made when asked for, from figures the page holds), without a
 * round trip to the server.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv') {
	const link = document.createElement('a');
	link.href = URL.createObjectURL(new Blob([text], { type }));
	link.download = fileName;
	link.click();
	// Long enough for the browser to have started saving it.
	setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
