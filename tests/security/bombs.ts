import zlib from 'node:zlib';

/**
 * Hostile files for the upload tests (unit and browser suites): made in memory, a few hundred KB,
 * each standing for a file the outside probe sent.
 */

/** Deflates `n` spaces, fed 1 MB at a time, so the real size is never held in memory. */
async function deflatedSpaces(n: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = n; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

/**
 * A zip with one deflated entry `name` whose real content is `realBytes` spaces, while its central
 * directory and local header claim `claimedBytes`: the "directory that lies" of finding 3.
 */
export async function lyingZip(realBytes: number, claimedBytes = 1024, name = 'xl/worksheets/sheet1.xml'): Promise<Buffer> {
  const compressed = await deflatedSpaces(realBytes);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(claimedBytes, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(claimedBytes, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + compressed.length, 16);
  return Buffer.concat([local, fileName, compressed, central, fileName, end]);
}

/** A CSV in the table form with `rows` rows whose every cell is wrong (the probe's 100k-row, 16 MB file). */
export function badRowsCsv(rows: number, keys: string[]): string {
  const bad = keys.map((k) => (k === 'code' ? '' : 'x'.repeat(Math.max(1, Math.floor(150 / keys.length)))));
  const line = bad.join(',');
  return `${keys.join(',')}\r\n${`${line}\r\n`.repeat(rows)}`;
}
