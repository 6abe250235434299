/** A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (CI logs). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPct = -1;
  const started = Date.now();
  return (done: number, total: number) => {
    const pct = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100;
    if (pct === lastPct) return;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (stream.isTTY) {
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      stream.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows ${secs}s`);
      if (pct === 100) stream.write('\n');
    } else if (pct % 10 === 0 || pct === 100) {
      stream.write(`${label}: ${pct}% (${done.toLocaleString('en')}/${total.toLocaleString('en')} rows, ${secs}s)\n`);
    }
    lastPct = pct;
  };
}
