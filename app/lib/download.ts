import { NextResponse } from 'next/server';

/** A Content-Disposition for a download: browsers take the UTF-8 name, old clients the ASCII one. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** An ASCII file name from a round slug or code: anything else becomes "_". */
export const asciiPart = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** A file as a download response, never cached (it may hold a department's figures). */
export function download(bytes: Uint8Array, type: string, asciiName: string, name: string): NextResponse {
  return new NextResponse(new Uint8Array(bytes), {
    headers: { 'content-type': type, 'content-disposition': attachment(asciiName, name), 'cache-control': 'no-store' },
  });
}
