// The ingest contract v1 (spec/events.md) as TypeBox schemas: the one source for the server's validator,
// the OpenAPI document and the TypeScript types. Field names and meanings are fixed by the contract.
//
// Conventions where events.md is loose (each also noted at the field):
// - every data field is required unless events.md marks it optional; unknown extra data fields are allowed
//   (kept, ignored), and so are unknown envelope fields, so that fields added later in v1 do not break
//   older servers;
// - identifiers (caseNo, deviceId, …) are 1–64 characters without whitespace, so "JQ1 " and "JQ1" can
//   never become two cases;
// - identity fields carry a `format` (cn-resident-id, cn-plate, vin, …). Ajv only documents these; the
//   server's validator checks them with identity.ts, which gives reasons instead of "must match format";
// - SHA-256 values are 64 hex characters (either case; the server stores them lower-case).
import { Type, type Static, type TSchema } from '@sinclair/typebox';

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Patterns shared with the validator, which maps each to a readable reason. */
export const patterns = {
  eventId: '^[A-Za-z0-9._:-]{1,64}$',
  unitCode: '^[0-9]{12}$',
  identifier: '^[^\\s\\u0000-\\u001f\\u007f]{1,64}$',
  sha256: '^[0-9A-Fa-f]{64}$',
  residentId: '^[0-9]{17}[0-9Xx]$',
  vin: '^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$',
  openHours: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]-(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
} as const;

/**
 * Formats on identity fields. The server registers them with Ajv as annotations and checks them itself
 * (identity.ts), because the checks need the clock (a birth date in the future) and normalise the value.
 */
export const identityFormats = [
  'cn-resident-id',
  'cn-plate',
  'cn-plate-prefix',
  'vin',
  'cn-subject',
  'alcohol-mg100ml',
] as const;
export type IdentityFormat = (typeof identityFormats)[number];

const d = (zh: string, en: string) => `${zh} (${en})`;

const Identifier = (zh: string, en: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: patterns.identifier, description: d(zh, en) });
const Name = (zh: string, en: string, maxLength = 200) =>
  Type.String({ minLength: 1, maxLength, description: d(zh, en) });
const UnitCode = (zh: string, en: string) =>
  Type.String({ pattern: patterns.unitCode, description: d(zh, en), examples: ['150102000000'] });
const ResidentId = (zh: string, en: string) =>
  Type.String({
    pattern: patterns.residentId,
    format: 'cn-resident-id',
    description: d(
      `${zh}：18位公民身份号码，校验地址码、出生日期与校验位；末位小写x按X存储`,
      `${en}: 18-character resident ID number per GB 11643, with a known area code, a real birth date and the MOD 11-2 check character; a lower-case x is stored as X`,
    ),
    examples: ['11010519491231002X'],
  });
const Plate = (zh: string, en: string) =>
  Type.String({
    minLength: 2,
    maxLength: 8,
    format: 'cn-plate',
    description: d(
      `${zh}：GA 36-2018号牌号码，如 蒙A12345、蒙AD12345、蒙A12345D、蒙A1234学；字母按大写存储`,
      `${en}: plate number per GA 36-2018, e.g. 蒙A12345, 蒙AD12345, 蒙A12345D, 蒙A1234学; stored upper-case`,
    ),
    examples: ['蒙A12345'],
  });
const PlatePrefix = (zh: string, en: string) =>
  Type.String({
    minLength: 2,
    maxLength: 2,
    format: 'cn-plate-prefix',
    description: d(`${zh}：省份简称加发牌机关代号，如 蒙A`, `${en}: province abbreviation and issuing letter, e.g. 蒙A`),
    examples: ['蒙A'],
  });
const Vin = (zh: string, en: string) =>
  Type.String({
    pattern: patterns.vin,
    format: 'vin',
    description: d(
      `${zh}：17位车辆识别代号，不含I、O、Q；字母按大写存储；不校验第9位校验位（国内车辆并不都使用）`,
      `${en}: 17-character VIN without I, O or Q, stored upper-case; the position-9 check digit is not enforced, as Chinese VINs do not always use it`,
    ),
    examples: ['LSVAU2180N2183294'],
  });
const Subject = (zh: string, en: string) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    format: 'cn-subject',
    description: d(
      `${zh}：身份证号或号牌号码；形似身份证号或号牌时按其规则校验并规范化`,
      `${en}: an idNo or a plate; checked and normalised as one when it looks like one`,
    ),
  });
const AlcoholValue = (zh: string, en: string) =>
  Type.Number({
    minimum: 0,
    maximum: 1000,
    format: 'alcohol-mg100ml',
    description: d(`${zh}，单位 mg/100mL，0–1000`, `${en}, mg/100mL, 0–1000`),
  });
const Sha256 = (zh: string, en: string) =>
  Type.String({
    pattern: patterns.sha256,
    description: d(`${zh}：文件SHA-256（64位十六进制）`, `${en}: SHA-256 of the file, 64 hex characters`),
  });
const Bool = (zh: string, en: string) => Type.Boolean({ description: d(zh, en) });
const Count = (zh: string, en: string, maximum?: number) =>
  Type.Integer({ minimum: 0, ...(maximum === undefined ? {} : { maximum }), description: d(zh, en) });
const Latitude = (zh: string, en: string) => Type.Number({ minimum: -90, maximum: 90, description: d(zh, en) });
const Longitude = (zh: string, en: string) => Type.Number({ minimum: -180, maximum: 180, description: d(zh, en) });

/** A closed list of values, each described, so the OpenAPI document explains them. */
const Enum = <const T extends readonly [string, ...string[]]>(values: T, zh: string, en: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description: d(zh, en) });

const Data = <P extends Record<string, TSchema>>(zh: string, en: string, properties: P, extra: object = {}) =>
  Type.Object(properties, { description: d(zh, en), ...extra });

// ---------------------------------------------------------------------------------------------------
// Reference data — 基础数据 (upserts: the latest occurredAt wins)

export const unitLevels = ['province', 'city', 'county', 'squad'] as const;
export const RefUnitDataSchema = Data('单位', 'unit', {
  code: UnitCode('单位代码', '12-digit unit code'),
  name: Name('单位名称', 'unit name'),
  level: Enum(unitLevels, '层级：province 总队 / city 支队 / county 大队 / squad 中队', 'level in the hierarchy'),
  parentCode: Type.Union([UnitCode('上级单位代码', 'parent unit code'), Type.Null()], {
    description: d('上级单位代码，根单位为null', 'parent unit code; null for the root'),
  }),
  platePrefixes: Type.Optional(
    Type.Array(PlatePrefix('号牌前缀', 'plate prefix'), {
      maxItems: 50,
      description: d('本市号牌前缀，如 ["蒙A"]（可选）', 'the city’s plate prefixes, e.g. ["蒙A"] (optional)'),
    }),
  ),
});

export const personKinds = ['police', 'auxiliary', 'contractor'] as const;
export const RefPersonDataSchema = Data('人员', 'person', {
  personNo: Identifier('人员编号（警号等）', 'person number'),
  name: Name('姓名', 'name'),
  kind: Enum(personKinds, '人员类别：police 民警 / auxiliary 辅警 / contractor 技术人员', 'person kind'),
  unitCode: UnitCode('所属单位代码', 'unit the person belongs to'),
  // events.md lists example roles only; the list stays open so new roles need no contract change.
  roles: Type.Array(Identifier('角色', 'role'), {
    maxItems: 50,
    description: d(
      '角色列表，如 custodian 物证管理员、examiner 考试员、window_clerk 窗口人员、reviewer 审核员、sysadmin 系统管理员',
      'roles, e.g. custodian, examiner, window_clerk, reviewer, sysadmin',
    ),
  }),
  confidentialitySigned: Bool('是否签订保密协议', 'has signed the confidentiality agreement'),
});

export const labStatuses = ['filed', 'suspended', 'blacklisted'] as const;
export const RefLabDataSchema = Data('检验鉴定机构', 'forensic lab', {
  labId: Identifier('机构编号', 'lab id'),
  name: Name('机构名称', 'lab name'),
  status: Enum(labStatuses, '状态：filed 已备案 / suspended 暂停 / blacklisted 黑名单', 'registry status'),
  internal: Bool('是否公安内部机构', 'a police lab'),
});

export const deviceKinds = ['breathalyzer', 'camera', 'exam_terminal'] as const;
// events.md gives every device a calibratedUntil, but only breathalyzers are calibrated: it is required for
// them (ALC_MANUAL_BREATH needs it) and may be absent or null for cameras and exam terminals.
export const RefDeviceDataSchema = Data(
  '设备',
  'device',
  {
    deviceId: Identifier('设备编号', 'device id'),
    kind: Enum(deviceKinds, '设备类型：breathalyzer 酒精检测仪 / camera 摄像机 / exam_terminal 考试终端', 'device kind'),
    siteId: Identifier('安装地点编号', 'site id'),
    calibratedUntil: Type.Optional(
      Type.Union([Type.String({ format: 'date' }), Type.Null()], {
        description: d(
          '检定有效期至（YYYY-MM-DD）；酒精检测仪必填，其他设备可省略或为null',
          'calibration valid until (YYYY-MM-DD); required for breathalyzers, may be absent or null for other devices',
        ),
      }),
    ),
  },
  {
    if: { properties: { kind: { const: 'breathalyzer' } }, required: ['kind'] },
    then: {
      required: ['calibratedUntil'],
      properties: {
        calibratedUntil: { type: 'string', description: d('酒精检测仪须填写检定有效期', 'required for a breathalyzer') },
      },
      description: d('酒精检测仪须填写检定有效期', 'required for a breathalyzer'),
    },
  },
);

export const RefEvidenceRoomDataSchema = Data('物证室', 'evidence room', {
  roomId: Identifier('物证室编号', 'room id'),
  unitCode: UnitCode('所属单位代码', 'unit the room belongs to'),
  // One daily window; an overnight window ("20:00-08:00") is allowed and means it wraps past midnight.
  openHours: Type.String({
    pattern: patterns.openHours,
    description: d('开放时间，如 "08:00-18:00"', 'opening hours, e.g. "08:00-18:00"'),
    examples: ['08:00-18:00'],
  }),
  custodians: Type.Array(Identifier('人员编号', 'person number'), {
    maxItems: 200,
    description: d('物证管理员人员编号列表', 'person numbers of the custodians'),
  }),
});

export const RefCheckpointDataSchema = Data('卡口', 'checkpoint', {
  checkpointId: Identifier('卡口编号', 'checkpoint id'),
  name: Name('卡口名称', 'checkpoint name'),
  lat: Latitude('纬度（WGS84）', 'latitude, WGS84 degrees'),
  lng: Longitude('经度（WGS84）', 'longitude, WGS84 degrees'),
});

export const watchlistReasons = ['overdue_scrap', 'overdue_inspection', 'fake_plate', 'hit_and_run', 'other'] as const;
export const RefWatchlistDataSchema = Data('布控车辆', 'watchlisted vehicle', {
  plate: Plate('号牌号码', 'plate'),
  reason: Enum(
    watchlistReasons,
    '布控原因：overdue_scrap 逾期未报废 / overdue_inspection 逾期未检验 / fake_plate 假套牌 / hit_and_run 肇事逃逸 / other 其他',
    'reason',
  ),
  active: Bool('是否在控', 'active'),
});

export const RefViolationCodeDataSchema = Data('违法代码', 'violation code', {
  code: Identifier('违法代码', 'violation code'),
  description: Name('违法行为描述', 'description', 1000),
  points: Count('记分', 'points', 12),
  fine: Count('罚款金额（元）', 'fine in yuan'),
});

export const RefSensitiveSubjectDataSchema = Data('敏感查询对象', 'sensitive subject', {
  subject: Subject('对象', 'subject whose look-ups are always reviewed'),
  active: Bool('是否有效', 'active'),
});

// ---------------------------------------------------------------------------------------------------
// Alcohol cases — 酒检

const CaseNo = () => Identifier('案件编号', 'case number');
const SampleNo = () => Identifier('血样编号', 'sample number');
const RoomId = () => Identifier('物证室编号', 'evidence room id');
const LabId = () => Identifier('检验鉴定机构编号', 'lab id');

export const AlcoholCaseOpenedDataSchema = Data('涉酒案件立案', 'alcohol case opened', {
  caseNo: CaseNo(),
  driverIdNo: ResidentId('驾驶人身份证号', 'driver’s resident ID number'),
  driverName: Name('驾驶人姓名', 'driver’s name'),
  plate: Plate('号牌号码', 'plate'),
  // events.md's list ends with "…": tags stay open, the two key-person tags are the known ones.
  tags: Type.Array(Identifier('标签', 'tag'), {
    maxItems: 50,
    description: d(
      '重点人标签，如 suspected_official 疑似公职人员、suspected_business_owner 疑似企业老板',
      'key-person tags, e.g. suspected_official, suspected_business_owner',
    ),
  }),
});

export const breathSources = ['device', 'manual'] as const;
// valueMg100ml is required unless refused is true. With a refusal a value is tolerated (a device may send 0)
// rather than losing the refusal, which is itself the evidence for ALC_REFUSED_BREATH.
export const AlcoholBreathTestDataSchema = Data(
  '呼气式酒精检测',
  'breath test',
  {
    caseNo: CaseNo(),
    deviceId: Identifier('酒精检测仪编号', 'breathalyzer id'),
    valueMg100ml: Type.Optional(AlcoholValue('呼气检测值（拒绝检测时省略）', 'breath value (absent when refused)')),
    refused: Bool('是否拒绝呼气检测', 'the driver refused the test'),
    source: Enum(breathSources, '数据来源：device 设备上传 / manual 手工录入', 'device upload or manual entry'),
  },
  {
    if: { properties: { refused: { const: true } }, required: ['refused'] },
    else: {
      required: ['valueMg100ml'],
      description: d('未拒绝检测时必填', 'required unless refused is true'),
    },
  },
);

export const evidenceKinds = ['photo', 'video'] as const;
export const AlcoholSceneEvidenceDataSchema = Data('现场证据', 'scene evidence', {
  caseNo: CaseNo(),
  fileSha256: Sha256('证据文件', 'evidence file'),
  kind: Enum(evidenceKinds, '类型：photo 照片 / video 视频', 'photo or video'),
});

export const AlcoholBloodDrawnDataSchema = Data('抽取血样', 'blood drawn', {
  caseNo: CaseNo(),
  sampleNo: SampleNo(),
  sealNo: Identifier('封签编号', 'seal number'),
  institution: Name('采血机构', 'institution where the blood was drawn'),
  photoSha256: Sha256('采血照片', 'photo of the draw'),
});

export const AlcoholSampleStoredDataSchema = Data('血样入库', 'sample stored', {
  sampleNo: SampleNo(),
  roomId: RoomId(),
});

export const retrievalPurposes = ['send_to_lab', 'recheck', 'other'] as const;
export const AlcoholSampleRetrievedDataSchema = Data('血样出库', 'sample retrieved', {
  sampleNo: SampleNo(),
  roomId: RoomId(),
  purpose: Enum(retrievalPurposes, '用途：send_to_lab 送检 / recheck 复检 / other 其他', 'purpose'),
});

export const roomActions = ['enter', 'exit'] as const;
export const AlcoholRoomAccessDataSchema = Data('物证室出入', 'evidence room access', {
  roomId: RoomId(),
  action: Enum(roomActions, '动作：enter 进入 / exit 离开', 'enter or exit'),
});

export const AlcoholSampleSentDataSchema = Data('血样送检', 'sample sent to the lab', {
  sampleNo: SampleNo(),
  labId: LabId(),
  handoverPhotoSha256: Sha256('交接照片', 'photo of the handover'),
});

export const AlcoholLabReportDataSchema = Data('检验鉴定报告', 'lab report', {
  caseNo: CaseNo(),
  sampleNo: SampleNo(),
  labId: LabId(),
  valueMg100ml: AlcoholValue('血液酒精含量', 'blood alcohol value'),
  reportPhotoSha256: Sha256('报告照片', 'photo of the report'),
});

export const caseFindings = ['drunk', 'drink', 'none'] as const;
export const AlcoholCaseClosedDataSchema = Data('涉酒案件结案', 'alcohol case closed', {
  caseNo: CaseNo(),
  finding: Enum(
    caseFindings,
    '认定：drunk 醉酒驾驶（≥80）/ drink 饮酒驾驶（20–80）/ none 未达饮酒（<20）',
    'finding: drunk ≥80, drink 20–80, none <20',
  ),
});

// ---------------------------------------------------------------------------------------------------
// Devices — 设备

export const deviceStatuses = ['online', 'offline', 'abnormal_image'] as const;
export const DeviceStatusDataSchema = Data('设备状态', 'device status', {
  deviceId: Identifier('设备编号', 'device id'),
  status: Enum(deviceStatuses, '状态：online 在线 / offline 离线 / abnormal_image 画面异常', 'status'),
});

// ---------------------------------------------------------------------------------------------------
// Licensing business and violations — 车驾管与违法处理

const AgentIdNo = () => Type.Optional(ResidentId('代办人身份证号（可选）', 'agent’s resident ID number (optional)'));
const WindowId = () => Identifier('业务窗口编号', 'service window id');

export const vehicleBizTypes = [
  'register',
  'transfer',
  'plate_reissue',
  'certificate_reissue',
  'archive_correction',
  'deregister',
  'other',
] as const;
export const VehicleBusinessDataSchema = Data('机动车业务', 'vehicle business', {
  bizNo: Identifier('业务流水号', 'business number'),
  bizType: Enum(
    vehicleBizTypes,
    '业务类型：register 注册登记 / transfer 转移登记 / plate_reissue 补换号牌 / certificate_reissue 补换证书 / archive_correction 档案更正 / deregister 注销 / other 其他',
    'business type',
  ),
  plate: Plate('号牌号码', 'plate'),
  vin: Vin('车辆识别代号', 'VIN'),
  ownerIdNo: ResidentId('所有人身份证号', 'owner’s resident ID number'),
  agentIdNo: AgentIdNo(),
  windowId: WindowId(),
});

export const driverBizTypes = ['renewal', 'reissue', 'full_score_education', 'other'] as const;
export const DriverBusinessDataSchema = Data('驾驶人业务', 'driver business', {
  bizNo: Identifier('业务流水号', 'business number'),
  bizType: Enum(
    driverBizTypes,
    '业务类型：renewal 换证 / reissue 补证 / full_score_education 满分学习 / other 其他',
    'business type',
  ),
  idNo: ResidentId('驾驶人身份证号', 'driver’s resident ID number'),
  agentIdNo: AgentIdNo(),
  windowId: WindowId(),
});

export const ViolationRecordedDataSchema = Data('交通违法记录', 'violation recorded', {
  violationNo: Identifier('违法记录编号', 'violation number'),
  plate: Plate('号牌号码', 'plate'),
  ownerIdNo: ResidentId('所有人身份证号', 'owner’s resident ID number'),
  code: Identifier('违法代码', 'violation code'),
  points: Count('记分', 'points', 12),
  fine: Count('罚款金额（元）', 'fine in yuan'),
});

export const processingChannels = ['window', 'online'] as const;
// Online processing has no service window (nor a clerk as actor): windowId is required only at a window.
export const ViolationProcessedDataSchema = Data(
  '违法处理',
  'violation processed',
  {
    violationNo: Identifier('违法记录编号', 'violation number'),
    plate: Plate('号牌号码', 'plate'),
    licenseIdNo: ResidentId('记分驾驶证持有人身份证号', 'resident ID number of the licence that takes the points'),
    pointsApplied: Count('实际记分', 'points applied', 12),
    agentIdNo: AgentIdNo(),
    windowId: Type.Optional(
      Identifier('业务窗口编号（窗口办理时必填）', 'service window id (required when channel is window)'),
    ),
    channel: Enum(processingChannels, '渠道：window 窗口 / online 互联网', 'window or online'),
  },
  {
    if: { properties: { channel: { const: 'window' } }, required: ['channel'] },
    then: { required: ['windowId'], description: d('窗口办理时必填', 'required when channel is window') },
  },
);

// ---------------------------------------------------------------------------------------------------
// Exams and inspections — 考试与检验

export const ExamResultDataSchema = Data('驾驶人考试成绩', 'exam result', {
  examNo: Identifier('考试编号', 'exam number'),
  siteId: Identifier('考场编号', 'exam site id'),
  subject: Type.Integer({ minimum: 1, maximum: 4, description: d('考试科目（1–4）', 'exam subject, 1–4') }),
  candidateIdNo: ResidentId('考生身份证号', 'candidate’s resident ID number'),
  school: Name('驾校', 'driving school'),
  passed: Bool('是否合格', 'passed'),
  deductions: Type.Number({ minimum: 0, description: d('扣分', 'points deducted in the exam') }),
});

// events.md ends the vehicle classes with "…": the list stays open; the named ones are the classes
// INSP_PASS_RATE_OUTLIER computes separately.
export const knownVehicleClasses = ['passenger_large', 'truck_heavy', 'hazmat', 'school_bus', 'small'] as const;
export const InspectionResultDataSchema = Data('机动车检验结果', 'inspection result', {
  inspectionNo: Identifier('检验流水号', 'inspection number'),
  stationId: Identifier('检验机构编号', 'inspection station id'),
  plate: Plate('号牌号码', 'plate'),
  vehicleClass: Identifier(
    '车辆类别，如 passenger_large 大型客车、truck_heavy 重型货车、hazmat 危险货物运输车、school_bus 校车、small 小型车',
    'vehicle class, e.g. passenger_large, truck_heavy, hazmat, school_bus, small',
  ),
  registeredRegion: PlatePrefix('车辆登记地', 'where the vehicle is registered'),
  firstPassed: Bool('是否初检合格', 'passed at the first inspection'),
  reviewApproved: Bool('是否审核通过', 'approved by the reviewer'),
});

// ---------------------------------------------------------------------------------------------------
// Audio/video records — 音视频档案

export const avKinds = ['exam', 'inspection', 'bodycam', 'education'] as const;
export const AvRecordedDataSchema = Data('音视频录制', 'audio/video recorded', {
  recordId: Identifier('档案编号', 'record id'),
  kind: Enum(avKinds, '类型：exam 考试 / inspection 检验 / bodycam 执法记录仪 / education 教育学习', 'record kind'),
  siteId: Identifier('录制地点编号', 'site id'),
  durationSec: Type.Number({ minimum: 0, description: d('时长（秒）', 'duration in seconds') }),
  subjectRef: Name('关联对象（考试编号、检验流水号、学习人员等）', 'what it records: exam number, inspection number, education participant …', 256),
  storageRef: Name('存储位置', 'where the recording is stored', 1024),
});

export const AvDeletedDataSchema = Data('音视频删除', 'audio/video deleted', {
  recordId: Identifier('档案编号', 'record id'),
});

// ---------------------------------------------------------------------------------------------------
// Information systems — 信息安全

export const queryKinds = ['person', 'vehicle', 'license', 'violation'] as const;
export const SystemQueryDataSchema = Data('信息系统查询', 'information system query', {
  queryKind: Enum(queryKinds, '查询类别：person 人员 / vehicle 车辆 / license 驾驶证 / violation 违法', 'query kind'),
  subject: Subject('查询对象', 'what was looked up'),
  linkedBizNo: Type.Optional(Identifier('关联业务编号（可选）', 'linked business number (optional)')),
  terminalIp: Type.String({ format: 'ip', description: d('终端IP（IPv4或IPv6）', 'terminal IP address, IPv4 or IPv6') }),
  resultCount: Count('返回结果数', 'number of results'),
});

export const SystemGrantDataSchema = Data('系统授权', 'role grant', {
  userNo: Identifier('被授权人员编号', 'person number of the grantee'),
  role: Identifier('角色', 'role'),
  granted: Bool('授予（true）或撤销（false）', 'granted (true) or revoked (false)'),
});

// ---------------------------------------------------------------------------------------------------
// Checkpoints — 缉查布控

export const plateColors = ['blue', 'yellow', 'green', 'white', 'black'] as const;
export const CheckpointPassDataSchema = Data('卡口过车', 'checkpoint pass', {
  checkpointId: Identifier('卡口编号', 'checkpoint id'),
  plate: Plate('号牌号码', 'plate'),
  plateColor: Enum(plateColors, '号牌颜色：blue 蓝 / yellow 黄 / green 绿 / white 白 / black 黑', 'plate colour'),
  // Checkpoint systems send the lane as a number or as a code: both are accepted as sent.
  lane: Type.Union(
    [Type.Integer({ minimum: 0, maximum: 999 }), Type.String({ minLength: 1, maxLength: 16, pattern: patterns.identifier })],
    { description: d('车道号（整数或编码）', 'lane number or code') },
  ),
  speedKmh: Type.Number({ minimum: 0, maximum: 500, description: d('车速（km/h）', 'speed in km/h') }),
});

// ---------------------------------------------------------------------------------------------------
// Conduct — 积分预警

export const ConductDeductionDataSchema = Data('积分扣分', 'conduct deduction', {
  personNo: Identifier('被扣分人员编号', 'person number'),
  itemCode: Identifier('扣分事项代码', 'item code from the item catalogue'),
  points: Type.Number({
    exclusiveMinimum: 0,
    maximum: 100,
    description: d('扣分分值（大于0）', 'points deducted, more than 0'),
  }),
  note: Type.String({ maxLength: 2000, description: d('说明', 'note') }),
});

// ---------------------------------------------------------------------------------------------------
// The registry of types

export const eventTypes = [
  'ref.unit',
  'ref.person',
  'ref.lab',
  'ref.device',
  'ref.evidence_room',
  'ref.checkpoint',
  'ref.watchlist',
  'ref.violation_code',
  'ref.sensitive_subject',
  'alcohol.case_opened',
  'alcohol.breath_test',
  'alcohol.scene_evidence',
  'alcohol.blood_drawn',
  'alcohol.sample_stored',
  'alcohol.sample_retrieved',
  'alcohol.room_access',
  'alcohol.sample_sent',
  'alcohol.lab_report',
  'alcohol.case_closed',
  'device.status',
  'vehicle.business',
  'driver.business',
  'violation.recorded',
  'violation.processed',
  'exam.result',
  'inspection.result',
  'av.recorded',
  'av.deleted',
  'system.query',
  'system.grant',
  'checkpoint.pass',
  'conduct.deduction',
] as const;
export type EventType = (typeof eventTypes)[number];

export const dataSchemas = {
  'ref.unit': RefUnitDataSchema,
  'ref.person': RefPersonDataSchema,
  'ref.lab': RefLabDataSchema,
  'ref.device': RefDeviceDataSchema,
  'ref.evidence_room': RefEvidenceRoomDataSchema,
  'ref.checkpoint': RefCheckpointDataSchema,
  'ref.watchlist': RefWatchlistDataSchema,
  'ref.violation_code': RefViolationCodeDataSchema,
  'ref.sensitive_subject': RefSensitiveSubjectDataSchema,
  'alcohol.case_opened': AlcoholCaseOpenedDataSchema,
  'alcohol.breath_test': AlcoholBreathTestDataSchema,
  'alcohol.scene_evidence': AlcoholSceneEvidenceDataSchema,
  'alcohol.blood_drawn': AlcoholBloodDrawnDataSchema,
  'alcohol.sample_stored': AlcoholSampleStoredDataSchema,
  'alcohol.sample_retrieved': AlcoholSampleRetrievedDataSchema,
  'alcohol.room_access': AlcoholRoomAccessDataSchema,
  'alcohol.sample_sent': AlcoholSampleSentDataSchema,
  'alcohol.lab_report': AlcoholLabReportDataSchema,
  'alcohol.case_closed': AlcoholCaseClosedDataSchema,
  'device.status': DeviceStatusDataSchema,
  'vehicle.business': VehicleBusinessDataSchema,
  'driver.business': DriverBusinessDataSchema,
  'violation.recorded': ViolationRecordedDataSchema,
  'violation.processed': ViolationProcessedDataSchema,
  'exam.result': ExamResultDataSchema,
  'inspection.result': InspectionResultDataSchema,
  'av.recorded': AvRecordedDataSchema,
  'av.deleted': AvDeletedDataSchema,
  'system.query': SystemQueryDataSchema,
  'system.grant': SystemGrantDataSchema,
  'checkpoint.pass': CheckpointPassDataSchema,
  'conduct.deduction': ConductDeductionDataSchema,
} as const satisfies Record<EventType, TSchema>;

/**
 * Who the envelope's `actor` is, per type. Where events.md names one the actor is required, since the
 * staff rules (off-hours business, auxiliary acting, room access, query volume) are about that person;
 * violation.processed needs one only at a window (online processing has no clerk). Types without an
 * actor (reference data, machine reports, alcohol.lab_report) accept one and ignore it.
 */
export type ActorRule =
  | { required: 'always'; zh: string; en: string }
  | { required: 'never' }
  | { required: 'when'; field: string; equals: string; zh: string; en: string };
const actor = (zh: string, en: string): ActorRule => ({ required: 'always', zh, en });
const noActor: ActorRule = { required: 'never' };
export const actorRules: Record<EventType, ActorRule> = {
  'ref.unit': noActor,
  'ref.person': noActor,
  'ref.lab': noActor,
  'ref.device': noActor,
  'ref.evidence_room': noActor,
  'ref.checkpoint': noActor,
  'ref.watchlist': noActor,
  'ref.violation_code': noActor,
  'ref.sensitive_subject': noActor,
  'alcohol.case_opened': actor('办案民警', 'officer'),
  'alcohol.breath_test': actor('检测民警', 'officer'),
  'alcohol.scene_evidence': actor('办案民警', 'officer'),
  'alcohol.blood_drawn': actor('办案民警', 'officer'),
  'alcohol.sample_stored': actor('物证管理员', 'custodian'),
  'alcohol.sample_retrieved': actor('物证管理员', 'custodian'),
  'alcohol.room_access': actor('进出人员', 'person entering or leaving'),
  'alcohol.sample_sent': actor('送检民警', 'officer'),
  'alcohol.lab_report': noActor,
  'alcohol.case_closed': actor('办案民警', 'officer'),
  'device.status': noActor,
  'vehicle.business': actor('窗口人员', 'clerk'),
  'driver.business': actor('窗口人员', 'clerk'),
  'violation.recorded': noActor,
  'violation.processed': { required: 'when', field: 'channel', equals: 'window', zh: '窗口人员', en: 'clerk' },
  'exam.result': actor('考试员', 'examiner'),
  'inspection.result': actor('审核员', 'reviewer'),
  'av.recorded': noActor,
  'av.deleted': noActor,
  'system.query': actor('查询用户', 'the user'),
  'system.grant': actor('授权人', 'the granter'),
  'checkpoint.pass': noActor,
  'conduct.deduction': actor('扣分人', 'the supervisor'),
};

/** Chinese and English names of each type, for the OpenAPI document and the dead-letter view. */
export const eventTypeTitles: Record<EventType, { zh: string; en: string }> = Object.fromEntries(
  eventTypes.map((t) => {
    const [zh, en] = splitDescription((dataSchemas[t] as TSchema).description as string);
    return [t, { zh, en }];
  }),
) as Record<EventType, { zh: string; en: string }>;

function splitDescription(s: string): [string, string] {
  const open = s.indexOf(' (');
  return open < 0 ? [s, s] : [s.slice(0, open), s.slice(open + 2, -1)];
}

// ---------------------------------------------------------------------------------------------------
// The envelope

export const LocationSchema = Type.Object(
  {
    lat: Latitude('纬度', 'latitude'),
    lng: Longitude('经度', 'longitude'),
  },
  { description: d('发生地点（WGS84度）', 'where it happened, WGS84 degrees') },
);

// The server parses occurredAt itself (a real calendar date, the 10-minute future limit), so the schema
// only bounds its length; `format: date-time` tells the OpenAPI reader what is expected.
const EventId = Type.String({
  pattern: patterns.eventId,
  description: d(
    '事件编号（幂等键），1–64位 A–Z a–z 0–9 . _ : -',
    'event id, the idempotency key: 1–64 characters of A–Z a–z 0–9 . _ : -',
  ),
  examples: ['breath-150102-20261101-0042'],
});
const OccurredAt = Type.String({
  format: 'date-time',
  maxLength: 40,
  description: d(
    '发生时间，ISO 8601带时区，如 2026-11-01T23:15:00+08:00；不得晚于服务器时间10分钟以上',
    'when it happened, ISO 8601 with offset, e.g. 2026-11-01T23:15:00+08:00; at most 10 minutes ahead of the server clock',
  ),
  examples: ['2026-11-01T23:15:00+08:00'],
});
const ResponsibleUnit = UnitCode(
  '责任单位代码（须为已知单位，ref.unit除外）',
  'responsible unit, 12 digits; must be a known unit except in ref.unit',
);
const ActorNo = Identifier('行为人人员编号', 'the acting person’s number');
// null is read as absent: producers commonly serialise a missing value that way.
const OptionalActor = Type.Optional(
  Type.Union([ActorNo, Type.Null()], {
    description: d('行为人人员编号（该类型有行为人时必填）', 'the acting person’s number, required where the type has one'),
  }),
);
const OptionalLocation = Type.Optional(
  Type.Union([LocationSchema, Type.Null()], {
    description: d('发生地点（WGS84度），可省略或为null', 'where it happened, WGS84 degrees; may be absent or null'),
  }),
);

/**
 * The envelope of any event, its data only required to be an object. The server validates the envelope
 * with this, then the data with `dataSchemas[type]`, so an unknown type is reported as such.
 */
export const EnvelopeSchema = Type.Object(
  {
    id: EventId,
    type: Enum(eventTypes, '事件类型', 'event type'),
    occurredAt: OccurredAt,
    unit: ResponsibleUnit,
    actor: OptionalActor,
    location: OptionalLocation,
    data: Type.Object(
      {},
      { description: d('该类型的业务字段；未知字段保留但忽略', 'the type’s fields; unknown fields are kept but ignored') },
    ),
  },
  { description: d('业务事件（接入规范 v1）', 'an event, ingest contract v1') },
);

export type EventEnvelope = Omit<Static<typeof EnvelopeSchema>, 'data'> & { data: Record<string, unknown> };

// ---------------------------------------------------------------------------------------------------
// Static types

export type RefUnitData = Static<typeof RefUnitDataSchema>;
export type RefPersonData = Static<typeof RefPersonDataSchema>;
export type RefLabData = Static<typeof RefLabDataSchema>;
export type RefDeviceData = Static<typeof RefDeviceDataSchema>;
export type RefEvidenceRoomData = Static<typeof RefEvidenceRoomDataSchema>;
export type RefCheckpointData = Static<typeof RefCheckpointDataSchema>;
export type RefWatchlistData = Static<typeof RefWatchlistDataSchema>;
export type RefViolationCodeData = Static<typeof RefViolationCodeDataSchema>;
export type RefSensitiveSubjectData = Static<typeof RefSensitiveSubjectDataSchema>;
export type AlcoholCaseOpenedData = Static<typeof AlcoholCaseOpenedDataSchema>;
export type AlcoholBreathTestData = Static<typeof AlcoholBreathTestDataSchema>;
export type AlcoholSceneEvidenceData = Static<typeof AlcoholSceneEvidenceDataSchema>;
export type AlcoholBloodDrawnData = Static<typeof AlcoholBloodDrawnDataSchema>;
export type AlcoholSampleStoredData = Static<typeof AlcoholSampleStoredDataSchema>;
export type AlcoholSampleRetrievedData = Static<typeof AlcoholSampleRetrievedDataSchema>;
export type AlcoholRoomAccessData = Static<typeof AlcoholRoomAccessDataSchema>;
export type AlcoholSampleSentData = Static<typeof AlcoholSampleSentDataSchema>;
export type AlcoholLabReportData = Static<typeof AlcoholLabReportDataSchema>;
export type AlcoholCaseClosedData = Static<typeof AlcoholCaseClosedDataSchema>;
export type DeviceStatusData = Static<typeof DeviceStatusDataSchema>;
export type VehicleBusinessData = Static<typeof VehicleBusinessDataSchema>;
export type DriverBusinessData = Static<typeof DriverBusinessDataSchema>;
export type ViolationRecordedData = Static<typeof ViolationRecordedDataSchema>;
export type ViolationProcessedData = Static<typeof ViolationProcessedDataSchema>;
export type ExamResultData = Static<typeof ExamResultDataSchema>;
export type InspectionResultData = Static<typeof InspectionResultDataSchema>;
export type AvRecordedData = Static<typeof AvRecordedDataSchema>;
export type AvDeletedData = Static<typeof AvDeletedDataSchema>;
export type SystemQueryData = Static<typeof SystemQueryDataSchema>;
export type SystemGrantData = Static<typeof SystemGrantDataSchema>;
export type CheckpointPassData = Static<typeof CheckpointPassDataSchema>;
export type ConductDeductionData = Static<typeof ConductDeductionDataSchema>;

/** The data type of each event type. */
export type EventDataMap = { [K in EventType]: Static<(typeof dataSchemas)[K]> };

/** A validated event of one known type, for code that switches on `type`. */
export type EventOf<K extends EventType> = Omit<EventEnvelope, 'type' | 'data'> & { type: K; data: EventDataMap[K] };

// ---------------------------------------------------------------------------------------------------
// JSON Schema for the OpenAPI document

/**
 * One plain JSON-Schema object per type: the envelope with `type` fixed and that type's data. Plain JSON
 * (TypeBox's symbol keys dropped), fresh on every call so the caller may edit it.
 */
export function eventJsonSchemas(): Record<EventType, Record<string, unknown>> {
  const out = {} as Record<EventType, Record<string, unknown>>;
  for (const t of eventTypes) {
    const title = eventTypeTitles[t];
    const rule = actorRules[t];
    const actorNote =
      rule.required === 'always'
        ? d(`行为人：${rule.zh}（必填）`, `actor: ${rule.en}, required`)
        : rule.required === 'when'
          ? d(
              `行为人：${rule.zh}（${rule.field}为${rule.equals}时必填）`,
              `actor: ${rule.en}, required when ${rule.field} is ${rule.equals}`,
            )
          : d('无行为人', 'no actor');
    const schema = Type.Object(
      {
        id: EventId,
        type: Type.Literal(t, { description: d('事件类型', 'event type') }),
        occurredAt: OccurredAt,
        unit: ResponsibleUnit,
        actor: rule.required === 'always' ? ActorNo : OptionalActor,
        location: OptionalLocation,
        data: dataSchemas[t],
      },
      { title: `${t} — ${title.zh} (${title.en})`, description: actorNote },
    );
    out[t] = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  }
  return out;
}
