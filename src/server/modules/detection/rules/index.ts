// The rule catalogue: every rule of rules.md, as values. The engine and the parameter store read it here.
import type { Rule } from '../rule.ts';
import { alcBreathBloodGap } from './alc-breath-blood-gap.ts';
import { alcChainGap } from './alc-chain-gap.ts';
import { alcChainTampered } from './alc-chain-tampered.ts';
import { alcKeyPerson } from './alc-key-person.ts';
import { alcLabBias } from './alc-lab-bias.ts';
import { alcLabStatus } from './alc-lab-status.ts';
import { alcManualBreath } from './alc-manual-breath.ts';
import { alcNearThreshold } from './alc-near-threshold.ts';
import { alcRefusedBreath } from './alc-refused-breath.ts';
import { alcRoomAccess } from './alc-room-access.ts';
import { avEarlyDelete } from './av-early-delete.ts';
import { bizAgentManyPersons } from './biz-agent-many-persons.ts';
import { bizAuxiliaryActing } from './biz-auxiliary-acting.ts';
import { bizCorrectionSpike } from './biz-correction-spike.ts';
import { bizOffHours } from './biz-off-hours.ts';
import { bizOneLicenseManyVehicles } from './biz-one-license-many-vehicles.ts';
import { bizOneVehicleManyCerts } from './biz-one-vehicle-many-certs.ts';
import { bizOutOfOrder } from './biz-out-of-order.ts';
import { bizPointsNotApplied } from './biz-points-not-applied.ts';
import { ckptClonedPlate } from './ckpt-cloned-plate.ts';
import { ckptWatchlistHit } from './ckpt-watchlist-hit.ts';
import { conductLevel } from './conduct-level.ts';
import { devOffline } from './dev-offline.ts';
import { examAssignmentSkew } from './exam-assignment-skew.ts';
import { examPassRateOutlier } from './exam-pass-rate-outlier.ts';
import { inspNonlocalShare } from './insp-nonlocal-share.ts';
import { inspPassRateOutlier } from './insp-pass-rate-outlier.ts';
import { secPrivilegeGrant } from './sec-privilege-grant.ts';
import { secQueryNoBusiness } from './sec-query-no-business.ts';
import { secQueryOffHours } from './sec-query-off-hours.ts';
import { secQueryVolume } from './sec-query-volume.ts';
import { secSensitiveSubject } from './sec-sensitive-subject.ts';

export const ruleCatalogue: readonly Rule<any, any>[] = [
  alcBreathBloodGap,
  alcChainGap,
  alcChainTampered,
  alcKeyPerson,
  alcLabBias,
  alcLabStatus,
  alcManualBreath,
  alcNearThreshold,
  alcRefusedBreath,
  alcRoomAccess,
  avEarlyDelete,
  bizAgentManyPersons,
  bizAuxiliaryActing,
  bizCorrectionSpike,
  bizOffHours,
  bizOneLicenseManyVehicles,
  bizOneVehicleManyCerts,
  bizOutOfOrder,
  bizPointsNotApplied,
  ckptClonedPlate,
  ckptWatchlistHit,
  conductLevel,
  devOffline,
  examAssignmentSkew,
  examPassRateOutlier,
  inspNonlocalShare,
  inspPassRateOutlier,
  secPrivilegeGrant,
  secQueryNoBusiness,
  secQueryOffHours,
  secQueryVolume,
  secSensitiveSubject,
];
