import { loadApiPaths } from '../api/api-paths.ts';
import { useRequest } from './useRequest.ts';

/** the server's endpoints, to offer a feature only where it is served */
export function useApiPaths() {
  return useRequest('api-paths', () => loadApiPaths());
}
