import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listUnits } from '../access.api.ts';
import { toUnitIndex, type UnitIndex } from '../access.adapters.ts';

/** the caller's unit subtree, indexed by code and as a tree */
export function useUnits() {
  return useRequest<UnitIndex>('units', async (signal) => toUnitIndex((await listUnits(signal)).items));
}
