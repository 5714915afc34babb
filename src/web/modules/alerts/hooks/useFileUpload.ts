import { useCallback } from 'react';
import { uploadFile } from '../alerts.api.ts';

/** upload one attachment and get its content hash */
export function useFileUpload() {
  return useCallback((file: Blob, signal?: AbortSignal) => uploadFile(file, signal), []);
}
