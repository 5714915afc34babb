// Owns stored files: bytes kept by the SHA-256 of their content under BIHUAN_DATA_DIR/files, size and
// type limits, and serving a file only to callers a citing module allows.
export { FileStore, FILE_LIMIT, SHA256_RE, type FileReadCheck, type StoredFile } from './files.store.ts';
export { fileRoutes } from './files.routes.ts';
