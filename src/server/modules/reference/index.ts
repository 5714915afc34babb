// Owns reference data reported as ref.* events: persons, labs, devices, evidence rooms, checkpoints,
// the watchlist, violation codes and sensitive subjects (units are the access layer's unit tree).
export { applyRefEvents, isRefType, type RefEvent } from './reference.service.ts';
export {
  allLabs,
  devicesByIds,
  activeWatchlist,
  checkpointsByIds,
  personsByNos,
  personsWithRole,
  headcounts,
  violationCodesByCodes,
  sensitiveSubjectsBy,
  evidenceRoomsByIds,
  allEvidenceRooms,
} from './reference.repository.ts';
