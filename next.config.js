/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a wasm build and postgres.js opens sockets: both must stay plain Node modules.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'exceljs', '@node-rs/argon2'],
};
module.exports = nextConfig;
