/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a wasm build and postgres.js opens sockets: both must stay plain Node modules.
  // pdfkit reads its own data files and fonts at run time: kept as plain Node modules too.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'exceljs', '@node-rs/argon2', 'pdfkit', 'svg-to-pdfkit', 'fontkit'],
  // Security headers are set in one place, proxy.ts (lib/security/headers.ts); this one is Next's own.
  poweredByHeader: false,
  experimental: {
    // With a proxy, Next copies each request body into memory first; forms and actions stay under
    // 1 MB (lib/security/request-check.ts), and the upload route is outside the proxy.
    proxyClientMaxBodySize: '1mb',
  },
};
module.exports = nextConfig;
