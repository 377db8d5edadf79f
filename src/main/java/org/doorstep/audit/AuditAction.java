package org.doorstep.audit;

/**
 * What an audit entry records, each action once, with the words the console shows for it: the one list, for the
 * code that writes the trail and for the screen that reads it ({@code GET /api/v1/audit/actions}).
 */
public enum AuditAction {
    SIGN_IN("登录"),
    SIGN_OUT("退出"),
    SIGN_IN_FAILED("登录失败"),
    SIGN_IN_LOCKED("账号锁定"),
    SIGN_IN_WHILE_LOCKED("锁定期间尝试登录"),
    REFRESH_TOKEN_REUSED("登录凭据被重复使用"),
    REFRESH_WITHOUT_TABLET("平板外使用登录凭据"),
    DEVICE_SIGN_IN_REFUSED("平板登录被拒"),
    DEVICE_REGISTERED("登记平板"),
    DEVICE_ENROLLED("平板完成登记"),
    DEVICE_ENROLMENT_REFUSED("平板登记被拒"),
    DEVICE_ENROLMENT_CODE_RENEWED("重新生成登记码"),
    DEVICE_REVOKED("停用平板"),
    STAFF_CREATED("新建账号"),
    STAFF_UPDATED("修改账号"),
    STAFF_DEACTIVATED("停用账号"),
    PERSONAL_DATA_READ("查看个人信息"),
    RESIDENT_REGISTERED("登记居民"),
    RESIDENT_CORRECTED("更正居民信息"),
    RESIDENT_ERASED("删除居民个人信息"),
    VISIT_BOOKED("受理预约"),
    VISIT_CANCELLED("取消工单"),
    VISIT_ASSIGNED("派单"),
    VISIT_UNASSIGNED("撤回派单"),
    VISIT_ADDRESS_CORRECTED("工单改到新地址"),
    VISIT_DEPART("出发"),
    VISIT_ARRIVE("到达"),
    VISIT_COMPLETE("办结"),
    VISIT_FAIL("未办成"),
    VISIT_SUBMITTED("网上申报成功"),
    DAY_PLAN_APPLIED("应用排班方案"),
    TEAM_CREATED("新建小分队"),
    TEAM_UPDATED("修改小分队"),
    CONSENT_RECORDED("记录同意"),
    CONSENT_WITHDRAWN("撤回人脸采集同意"),
    CAPTURE_ADDED("上传采集材料"),
    CAPTURE_READ("查看采集材料"),
    CAPTURE_PURGED("删除采集材料"),
    FOLLOW_UP_RECORDED("记录回访"),
    FILING_SENT("申报已送达"),
    FILING_PARKED("申报暂停"),
    FILING_RETRIED("重新申报"),
    FACE_WITHDRAWAL_SENT("撤回通知已送达"),
    FACE_WITHDRAWAL_PARKED("撤回通知暂停"),
    PRIVACY_TEXT_PUBLISHED("发布告知文本"),
    RIGHTS_REQUEST_RECORDED("记录权利申请"),
    RIGHTS_REQUEST_CLOSED("办结权利申请"),
    ACCESS_COPY_PRODUCED("制作个人信息副本"),
    RECORD_RETENTION_SET("设置记录保存期限"),
    CALENDAR_DAY_SET("修改工作日历"),
    CALENDAR_DAY_REMOVED("删除工作日历"),
    BLIND_INDEX_REINDEX_STARTED("开始重建号码索引"),
    BLIND_INDEX_REINDEX_PAUSED("暂停重建号码索引"),
    BLIND_INDEX_REINDEX_FINISHED("号码索引重建完成"),
    BLIND_INDEX_REINDEX_FAILED("号码索引重建失败"),
    AUDIT_CHAIN_VERIFIED("核验审计链");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    /** The console's words for it. */
    public String label() {
        return label;
    }
}
