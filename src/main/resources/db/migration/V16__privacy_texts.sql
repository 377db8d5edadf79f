-- The notice an operator reads to a caller at booking (what is collected, why, for how long, who
-- receives it) and the consent text a tablet shows before a face photo, each versioned. The county
-- writes the wording every town uses (town_id NULL); a town may publish its own, which then applies
-- to it. A published version is never changed: a new one is published instead, so a consent always
-- names the exact words the resident agreed to.
CREATE TABLE privacy_text (
    id           uuid        PRIMARY KEY,
    town_id      uuid        REFERENCES town (id),
    purpose      text        NOT NULL CHECK (purpose IN ('BOOKING_NOTICE', 'BIOMETRIC_CAPTURE')),
    version      integer     NOT NULL CHECK (version >= 1),
    body         text        NOT NULL CHECK (length(btrim(body)) BETWEEN 20 AND 5000),
    published_by uuid,
    published_at timestamptz NOT NULL
);
-- One version number per scope (the county's, or a town's) and purpose.
CREATE UNIQUE INDEX privacy_text_version
    ON privacy_text (coalesce(town_id, '00000000-0000-0000-0000-000000000000'::uuid), purpose, version);

CREATE FUNCTION privacy_text_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published privacy text is never changed; publish a new version'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER privacy_text_immutable BEFORE UPDATE OR DELETE ON privacy_text
    FOR EACH ROW EXECUTE FUNCTION privacy_text_immutable();

INSERT INTO privacy_text (id, town_id, purpose, version, body, published_by, published_at) VALUES
('6f0d3c52-8a4e-4d8b-9a61-2c7e5b1f0a01', NULL, 'BOOKING_NOTICE', 1,
 '为办理您申请的上门服务，我们将收集并使用您的姓名、身份证号、联系电话和住址，以及来电人的姓名和电话。'
 || '这些信息仅用于预约、派单、上门办理和回访，并按规定报送办理该事项的上级业务系统，不会用于其他目的。'
 || '身份证号和电话加密保存，工作人员查看完整号码会留有记录。办结后的工单按政务档案的规定保存。'
 || '您可以随时来电查阅、复制、更正您的信息，或申请删除；我们会在规定期限内答复。',
 NULL, '2026-12-06T00:00:00+08:00'),
('6f0d3c52-8a4e-4d8b-9a61-2c7e5b1f0a02', NULL, 'BIOMETRIC_CAPTURE', 1,
 '为办理本次事项（如退休人员领取待遇资格认证），工作人员需要拍摄您的人脸照片。人脸信息属于敏感个人信息，'
 || '仅用于本次认证，随办理结果报送上级业务系统；照片加密保存，到保存期限后自动删除。'
 || '是否同意由您决定；不同意的，本次需人脸认证的事项无法在上门时办结，您可以改为到窗口办理。'
 || '您同意后也可以随时来电撤回同意，撤回后我们将删除您的人脸照片，但不影响撤回前已经办理的结果。',
 NULL, '2026-12-06T00:00:00+08:00');

-- The text a consent agreed to. Consents recorded before texts were versioned name none.
ALTER TABLE consent ADD COLUMN text_id uuid REFERENCES privacy_text (id);
