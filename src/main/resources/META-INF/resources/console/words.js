// The Chinese names of the API's codes, for showing them. Words only: no rule lives here.

export const STATUS = {
  REQUESTED: '待安排',
  SCHEDULED: '已安排',
  EN_ROUTE: '在途',
  ON_SITE: '在现场',
  COMPLETED: '已办结',
  SUBMITTED: '已申报',
  FAILED: '未办成',
  CANCELLED: '已取消',
};

export const CHANNEL = {
  HOTLINE_12345: '12345 热线',
  TOWN_PHONE: '镇便民服务电话',
  VILLAGE_HELPER: '村帮代办员',
  WALK_IN: '到窗口',
};

export const RELATION = {
  SELF: '居民本人',
  SPOUSE: '配偶',
  CHILD: '子女',
  RELATIVE: '其他亲属',
  NEIGHBOUR: '邻居',
  VILLAGE_HELPER: '村帮代办员',
  OTHER: '其他',
};

export const PERIOD = {
  MORNING: '上午',
  AFTERNOON: '下午',
  ANY: '全天均可',
};

export const ROLE = {
  operator: '话务员',
  dispatcher: '调度员',
  field_agent: '上门队员',
  supervisor: '主管',
  admin: '管理员',
  county_admin: '县级管理员',
};

export const EVENT = {
  BOOKED: '受理预约',
  ASSIGN: '派给小分队',
  ASSIGNED: '派给小分队',
  REASSIGN: '改派',
  REASSIGNED: '改派',
  UNASSIGN: '撤回派单',
  UNASSIGNED: '撤回派单',
  DEPART: '出发',
  ARRIVE: '到达',
  COMPLETE: '办结',
  FAIL: '未办成',
  CANCEL: '取消',
  CANCELLED: '取消',
  SUBMIT: '网上申报',
  SUBMITTED: '网上申报',
};

export const DEVICE_STATUS = {
  PENDING: '待登记',
  ACTIVE: '使用中',
  REVOKED: '已停用',
};

export const DAY_KIND = {
  HOLIDAY: '放假',
  WORKDAY: '调休上班',
};

export const RIGHT = {
  ACCESS_COPY: '查阅复制个人信息',
  CORRECTION: '更正个人信息',
  CONSENT_WITHDRAWAL: '撤回人脸采集同意',
  DELETION: '删除个人信息',
};

export const IDENTITY_CHECK = {
  ID_NUMBER_AND_NAME: '核对身份证号和姓名',
  CALLBACK_TO_PHONE_ON_RECORD: '回拨登记的电话确认',
  ID_CARD_IN_PERSON: '当面查验身份证',
  WRITTEN_AUTHORISATION: '查验书面授权委托',
};

export const REQUEST_STATUS = {
  OPEN: '办理中',
  DONE: '已办结',
  REFUSED: '已拒绝',
};

export const TEXT_PURPOSE = {
  BOOKING_NOTICE: '预约告知（接线员向来电人宣读）',
  BIOMETRIC_CAPTURE: '人脸采集同意书（平板上向居民展示）',
};

export const TEXT_SCOPE = {
  COUNTY: '全县通用',
  TOWN: '本镇',
};

export const CAPTURE_KIND = {
  FACE_PHOTO: '人脸照片',
  PORTRAIT_PHOTO: '证件照',
  ID_CARD_FRONT: '身份证人像面',
  ID_CARD_BACK: '身份证国徽面',
  BANK_CARD: '银行卡',
  APPLICATION_FORM: '申请表',
  MEDICAL_REPORT: '诊断证明',
  HOUSEHOLD_REGISTER: '户口簿',
  SIGNATURE: '签名',
};

/** The name of a code, or the code itself when it has none here. */
export function name(table, code) {
  return (code && table[code]) || code || '';
}
