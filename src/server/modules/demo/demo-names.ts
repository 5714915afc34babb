// Static tables for the demo province. Administrative divisions, plate letters and county-seat positions
// are the real ones (positions rounded, good to a few kilometres); every company, lab, school and person
// name is invented, so no real body is ever shown as blacklisted or biased.

export interface CountySeed {
  /** GB/T 2260 six-digit area code */
  code6: string;
  name: string;
  lat: number;
  lng: number;
}

export interface CitySeed {
  code4: string;
  name: string;
  unitName: string;
  /** letter after 蒙 */
  plateLetter: string;
  /** residents, millions: spreads the volume of events like the real workload */
  pop: number;
  lat: number;
  lng: number;
  examSites: number;
  counties: CountySeed[];
}

const c = (code6: string, name: string, lat: number, lng: number): CountySeed => ({ code6, name, lat, lng });

export const CITY_SEEDS: readonly CitySeed[] = [
  {
    code4: '1501', name: '呼和浩特市', unitName: '呼和浩特市公安局交通管理支队', plateLetter: 'A', pop: 3.5,
    lat: 40.842, lng: 111.749, examSites: 2,
    counties: [
      c('150102', '新城区', 40.858, 111.666), c('150103', '回民区', 40.808, 111.623),
      c('150104', '玉泉区', 40.753, 111.675), c('150105', '赛罕区', 40.792, 111.702),
      c('150121', '土默特左旗', 40.720, 111.163), c('150122', '托克托县', 40.277, 111.194),
      c('150123', '和林格尔县', 40.379, 111.822), c('150124', '清水河县', 39.921, 111.683),
      c('150125', '武川县', 41.096, 111.451),
    ],
  },
  {
    code4: '1502', name: '包头市', unitName: '包头市公安局交通管理支队', plateLetter: 'B', pop: 2.7,
    lat: 40.657, lng: 109.840, examSites: 2,
    counties: [
      c('150202', '东河区', 40.576, 110.044), c('150203', '昆都仑区', 40.642, 109.822),
      c('150204', '青山区', 40.648, 109.901), c('150205', '石拐区', 40.675, 110.272),
      c('150206', '白云鄂博矿区', 41.770, 109.973), c('150207', '九原区', 40.606, 109.967),
      c('150221', '土默特右旗', 40.567, 110.524), c('150222', '固阳县', 41.034, 110.060),
      c('150223', '达尔罕茂明安联合旗', 41.698, 110.432),
    ],
  },
  {
    code4: '1503', name: '乌海市', unitName: '乌海市公安局交通管理支队', plateLetter: 'C', pop: 0.56,
    lat: 39.655, lng: 106.794, examSites: 1,
    counties: [c('150302', '海勃湾区', 39.692, 106.822), c('150303', '海南区', 39.441, 106.891), c('150304', '乌达区', 39.505, 106.727)],
  },
  {
    code4: '1504', name: '赤峰市', unitName: '赤峰市公安局交通管理支队', plateLetter: 'D', pop: 4.0,
    lat: 42.258, lng: 118.887, examSites: 2,
    counties: [
      c('150402', '红山区', 42.269, 118.958), c('150403', '元宝山区', 42.039, 119.289),
      c('150404', '松山区', 42.286, 118.933), c('150421', '阿鲁科尔沁旗', 43.872, 120.065),
      c('150422', '巴林左旗', 43.971, 119.380), c('150423', '巴林右旗', 43.534, 118.665),
      c('150424', '林西县', 43.612, 118.047), c('150425', '克什克腾旗', 43.265, 117.546),
      c('150426', '翁牛特旗', 42.937, 119.006), c('150428', '喀喇沁旗', 41.927, 118.701),
      c('150429', '宁城县', 41.597, 119.339), c('150430', '敖汉旗', 42.290, 119.921),
    ],
  },
  {
    code4: '1505', name: '通辽市', unitName: '通辽市公安局交通管理支队', plateLetter: 'G', pop: 2.8,
    lat: 43.617, lng: 122.263, examSites: 2,
    counties: [
      c('150502', '科尔沁区', 43.623, 122.255), c('150521', '科尔沁左翼中旗', 44.127, 123.312),
      c('150522', '科尔沁左翼后旗', 42.949, 122.356), c('150523', '开鲁县', 43.601, 121.319),
      c('150524', '库伦旗', 42.735, 121.776), c('150525', '奈曼旗', 42.845, 120.658),
      c('150526', '扎鲁特旗', 44.556, 120.912), c('150581', '霍林郭勒市', 45.532, 119.657),
    ],
  },
  {
    code4: '1506', name: '鄂尔多斯市', unitName: '鄂尔多斯市公安局交通管理支队', plateLetter: 'K', pop: 2.2,
    lat: 39.608, lng: 109.781, examSites: 2,
    counties: [
      c('150602', '东胜区', 39.822, 109.963), c('150603', '康巴什区', 39.607, 109.790),
      c('150621', '达拉特旗', 40.400, 110.040), c('150622', '准格尔旗', 39.865, 111.240),
      c('150623', '鄂托克前旗', 38.182, 107.478), c('150624', '鄂托克旗', 39.095, 107.982),
      c('150625', '杭锦旗', 39.832, 108.736), c('150626', '乌审旗', 38.604, 108.842),
      c('150627', '伊金霍洛旗', 39.574, 109.748),
    ],
  },
  {
    code4: '1507', name: '呼伦贝尔市', unitName: '呼伦贝尔市公安局交通管理支队', plateLetter: 'E', pop: 2.2,
    lat: 49.212, lng: 119.766, examSites: 2,
    counties: [
      c('150702', '海拉尔区', 49.212, 119.736), c('150703', '扎赉诺尔区', 49.487, 117.716),
      c('150721', '阿荣旗', 48.126, 123.459), c('150722', '莫力达瓦达斡尔族自治旗', 48.478, 124.507),
      c('150723', '鄂伦春自治旗', 50.590, 123.726), c('150724', '鄂温克族自治旗', 49.143, 119.755),
      c('150725', '陈巴尔虎旗', 49.328, 119.437), c('150726', '新巴尔虎左旗', 48.217, 118.270),
      c('150727', '新巴尔虎右旗', 48.669, 116.826), c('150781', '满洲里市', 49.598, 117.379),
      c('150782', '牙克石市', 49.286, 120.712), c('150783', '扎兰屯市', 48.013, 122.738),
      c('150784', '额尔古纳市', 50.243, 120.180), c('150785', '根河市', 50.780, 121.520),
    ],
  },
  {
    code4: '1508', name: '巴彦淖尔市', unitName: '巴彦淖尔市公安局交通管理支队', plateLetter: 'L', pop: 1.5,
    lat: 40.743, lng: 107.388, examSites: 1,
    counties: [
      c('150802', '临河区', 40.751, 107.363), c('150821', '五原县', 41.088, 108.267),
      c('150822', '磴口县', 40.331, 107.009), c('150823', '乌拉特前旗', 40.737, 108.652),
      c('150824', '乌拉特中旗', 41.568, 108.515), c('150825', '乌拉特后旗', 41.084, 107.075),
      c('150826', '杭锦后旗', 40.886, 107.151),
    ],
  },
  {
    code4: '1509', name: '乌兰察布市', unitName: '乌兰察布市公安局交通管理支队', plateLetter: 'J', pop: 1.6,
    lat: 41.034, lng: 113.133, examSites: 1,
    counties: [
      c('150902', '集宁区', 41.038, 113.116), c('150921', '卓资县', 40.894, 112.578),
      c('150922', '化德县', 41.904, 114.011), c('150923', '商都县', 41.562, 113.578),
      c('150924', '兴和县', 40.872, 113.834), c('150925', '凉城县', 40.531, 112.504),
      c('150926', '察哈尔右翼前旗', 40.786, 113.214), c('150927', '察哈尔右翼中旗', 41.277, 112.635),
      c('150928', '察哈尔右翼后旗', 41.436, 113.191), c('150929', '四子王旗', 41.533, 111.706),
      c('150981', '丰镇市', 40.437, 113.110),
    ],
  },
  {
    code4: '1522', name: '兴安盟', unitName: '兴安盟公安处交通管理支队', plateLetter: 'F', pop: 1.4,
    lat: 46.077, lng: 122.070, examSites: 1,
    counties: [
      c('152201', '乌兰浩特市', 46.078, 122.093), c('152202', '阿尔山市', 47.177, 119.943),
      c('152221', '科尔沁右翼前旗', 46.079, 121.953), c('152222', '科尔沁右翼中旗', 45.061, 121.476),
      c('152223', '扎赉特旗', 46.723, 122.899), c('152224', '突泉县', 45.381, 121.594),
    ],
  },
  {
    code4: '1525', name: '锡林郭勒盟', unitName: '锡林郭勒盟公安处交通管理支队', plateLetter: 'H', pop: 1.1,
    lat: 43.944, lng: 116.091, examSites: 1,
    counties: [
      c('152501', '二连浩特市', 43.653, 111.977), c('152502', '锡林浩特市', 43.933, 116.086),
      c('152522', '阿巴嘎旗', 44.022, 114.970), c('152523', '苏尼特左旗', 43.859, 113.653),
      c('152524', '苏尼特右旗', 42.742, 112.657), c('152525', '东乌珠穆沁旗', 45.510, 116.974),
      c('152526', '西乌珠穆沁旗', 44.587, 117.609), c('152527', '太仆寺旗', 41.877, 115.283),
      c('152528', '镶黄旗', 42.239, 113.847), c('152529', '正镶白旗', 42.287, 115.030),
      c('152530', '正蓝旗', 42.241, 115.993), c('152531', '多伦县', 42.203, 116.486),
    ],
  },
  {
    code4: '1529', name: '阿拉善盟', unitName: '阿拉善盟公安处交通管理支队', plateLetter: 'M', pop: 0.26,
    lat: 38.851, lng: 105.729, examSites: 1,
    counties: [c('152921', '阿拉善左旗', 38.833, 105.666), c('152922', '阿拉善右旗', 39.216, 101.667), c('152923', '额济纳旗', 41.954, 101.055)],
  },
];

/** counties that also have squads (中队) in the demo, with how many */
export const SQUAD_COUNTS: Readonly<Record<string, number>> = {
  '150102': 2, '150105': 2, '150203': 2, '150402': 2, '150602': 1, '150702': 1, '152502': 1, '150502': 1,
};

export const SQUAD_ORDINALS = ['一', '二', '三', '四'];

/** people from elsewhere: area code for ID numbers and the plate prefix of the same place */
export const OUTSIDE_PLACES: ReadonlyArray<{ code6: string; plate: string }> = [
  { code6: '110105', plate: '京A' }, { code6: '130102', plate: '冀A' }, { code6: '130702', plate: '冀G' },
  { code6: '140105', plate: '晋A' }, { code6: '140202', plate: '晋B' }, { code6: '210102', plate: '辽A' },
  { code6: '220102', plate: '吉A' }, { code6: '230102', plate: '黑A' }, { code6: '610802', plate: '陕K' },
  { code6: '640104', plate: '宁A' }, { code6: '620102', plate: '甘A' },
];

export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹常武乔贺赖龚文包云奇鲍乌';

export const GIVEN_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志红文斌海波宇浩鑫凯晨琳雪梅丹峰亮辉飞鹏龙俊慧颖婷欣悦佳宏利春晓东旭彬博林清瑞松宁新成';

/** Mongolian given names, used alone as is common in the region */
export const MONGOLIAN_NAMES = [
  '巴特尔', '其其格', '乌日娜', '那仁', '额尔敦', '苏和', '斯琴', '朝鲁', '巴图', '敖登', '图雅', '萨仁',
  '宝音', '阿拉坦', '格日勒', '乌云', '满都拉', '孟和', '吉日嘎拉', '娜仁花', '哈斯', '毕力格', '乌力吉', '其木格',
];

export const ROADS = [
  'G6京藏高速', 'G7京新高速', 'G10绥满高速', 'G45大广高速', 'G55二广高速', 'G65包茂高速', 'G110国道',
  'G109国道', 'G111国道', 'G207国道', 'G208国道', 'G210国道', 'G301国道', 'G303国道', 'G331国道', 'S24省道',
  'S31省道', 'S102省道', 'S203省道',
];

export const SCHOOL_WORDS = ['顺达', '安行', '通途', '骏马', '草原', '金桥', '长城', '阳光', '飞驰', '大道', '平安', '宏远'];

export interface LabSeed {
  labId: string;
  name: string;
  status: 'filed' | 'suspended' | 'blacklisted';
  internal: boolean;
  lat: number;
  lng: number;
}

export const LAB_SEEDS: readonly LabSeed[] = [
  { labId: 'LAB-NM-01', name: '内蒙古自治区公安厅物证鉴定中心', status: 'filed', internal: true, lat: 40.823, lng: 111.660 },
  { labId: 'LAB-NM-02', name: '呼和浩特市公安局物证鉴定所', status: 'filed', internal: true, lat: 40.818, lng: 111.690 },
  { labId: 'LAB-NM-03', name: '北辰司法鉴定所', status: 'filed', internal: false, lat: 40.640, lng: 109.850 },
  { labId: 'LAB-NM-04', name: '敕勒川司法鉴定中心', status: 'filed', internal: false, lat: 40.830, lng: 111.720 },
  { labId: 'LAB-NM-05', name: '瀚海法医毒物司法鉴定所', status: 'filed', internal: false, lat: 39.830, lng: 109.980 },
  { labId: 'LAB-NM-06', name: '燕然司法鉴定中心', status: 'filed', internal: false, lat: 42.270, lng: 118.950 },
  { labId: 'LAB-NM-07', name: '金穗司法鉴定所', status: 'suspended', internal: false, lat: 43.620, lng: 122.240 },
  { labId: 'LAB-NM-08', name: '白鹿司法鉴定中心', status: 'blacklisted', internal: false, lat: 40.660, lng: 109.870 },
  { labId: 'LAB-NM-09', name: '赤峰市公安局物证鉴定所', status: 'filed', internal: true, lat: 42.262, lng: 118.920 },
];

/** the filed lab whose values run low: ALC_LAB_BIAS must find it */
export const BIASED_LAB = 'LAB-NM-04';

/** which labs each city sends its samples to, with shares */
export const CITY_LABS: Readonly<Record<string, ReadonlyArray<[string, number]>>> = {
  '1501': [['LAB-NM-02', 0.5], ['LAB-NM-04', 0.5]],
  '1502': [['LAB-NM-03', 0.5], ['LAB-NM-04', 0.3], ['LAB-NM-01', 0.2]],
  '1503': [['LAB-NM-05', 1]],
  '1504': [['LAB-NM-09', 0.6], ['LAB-NM-06', 0.4]],
  '1505': [['LAB-NM-06', 1]],
  '1506': [['LAB-NM-03', 0.6], ['LAB-NM-05', 0.4]],
  '1507': [['LAB-NM-01', 0.3], ['LAB-NM-06', 0.7]],
  '1508': [['LAB-NM-05', 1]],
  '1509': [['LAB-NM-04', 0.7], ['LAB-NM-01', 0.3]],
  '1522': [['LAB-NM-06', 1]],
  '1525': [['LAB-NM-01', 0.5], ['LAB-NM-03', 0.5]],
  '1529': [['LAB-NM-05', 1]],
};

export interface ViolationCodeSeed {
  code: string;
  description: string;
  points: number;
  fine: number;
  /** relative frequency among recorded violations */
  weight: number;
}

export const VIOLATION_CODES: readonly ViolationCodeSeed[] = [
  { code: '1039', description: '机动车违反规定停放、临时停车，驾驶人不在现场', points: 0, fine: 200, weight: 28 },
  { code: '1303', description: '驾驶机动车行驶超过规定时速10%以上未达到20%', points: 1, fine: 200, weight: 14 },
  { code: '1352', description: '驾驶机动车行驶超过规定时速20%以上未达到50%', points: 3, fine: 200, weight: 6 },
  { code: '1636', description: '驾驶机动车行驶超过规定时速50%以上', points: 6, fine: 1000, weight: 1 },
  { code: '1625', description: '驾驶机动车违反道路交通信号灯通行', points: 6, fine: 200, weight: 5 },
  { code: '1208', description: '驾驶机动车不按导向车道行驶', points: 1, fine: 100, weight: 10 },
  { code: '1345', description: '机动车违反禁令标志指示', points: 1, fine: 100, weight: 8 },
  { code: '6046', description: '驾驶机动车违反禁止标线指示', points: 1, fine: 100, weight: 6 },
  { code: '1240', description: '驾驶机动车时拨打接听手持电话', points: 3, fine: 100, weight: 4 },
  { code: '1244', description: '驾驶人未按规定使用安全带', points: 1, fine: 50, weight: 6 },
  { code: '1357', description: '驾驶机动车遇行人正在通过人行横道未停车让行', points: 3, fine: 200, weight: 4 },
  { code: '1230', description: '驾驶机动车逆向行驶', points: 3, fine: 200, weight: 2 },
  { code: '1101', description: '机动车未按规定定期进行安全技术检验', points: 1, fine: 200, weight: 2 },
  { code: '1723', description: '驾驶货车载物超过最大允许总质量30%以上', points: 6, fine: 500, weight: 1 },
  { code: '1711', description: '饮酒后驾驶机动车', points: 12, fine: 1500, weight: 0 },
];

/** conduct catalogue items the demo deducts on (category-item codes of the province's catalogue) */
export const CONDUCT_ITEMS: ReadonlyArray<{ itemCode: string; note: string; points: number }> = [
  { itemCode: 'C01-03', note: '执勤时未按规定佩戴执法记录仪', points: 1 },
  { itemCode: 'C02-01', note: '窗口服务态度生硬，群众投诉属实', points: 2 },
  { itemCode: 'C03-04', note: '案件材料录入不完整', points: 1 },
  { itemCode: 'C05-02', note: '未按规定时限签收预警', points: 1 },
  { itemCode: 'C07-01', note: '执法记录仪视频未按时上传', points: 2 },
  { itemCode: 'C09-03', note: '值班期间脱岗', points: 3 },
  { itemCode: 'C11-02', note: '违规使用警用车辆', points: 4 },
  { itemCode: 'C12-01', note: '违规查询公民个人信息', points: 4 },
];

/** Chinese numerals for names like 第一检测站 */
export const ORDINALS = ['一', '二', '三', '四', '五', '六'];
