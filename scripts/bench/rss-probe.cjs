// Preloaded by the bench into a measured command: writes the process's peak resident memory
// (getrusage maxrss, in bytes) to $RSS_PROBE_OUT when it exits.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.RSS_PROBE_OUT) fs.writeFileSync(process.env.RSS_PROBE_OUT, String(process.resourceUsage().maxRSS * 1024));
});
