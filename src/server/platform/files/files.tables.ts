// Stored files, addressed by the SHA-256 of their content; the bytes live under BIHUAN_DATA_DIR/files.
import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const files = pgTable('files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  contentType: text('content_type').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** who uploaded a file: an uploader's unit may read back what it holds anyway */
export const fileUploads = pgTable(
  'file_uploads',
  {
    sha256: text('sha256').notNull(),
    unitCode: text('unit_code').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.unitCode] })],
);
