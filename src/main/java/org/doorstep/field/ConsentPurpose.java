package org.doorstep.field;

/** What a resident agrees to. Each purpose is recorded once per visit. */
public enum ConsentPurpose {
    /** Taking and keeping (for the retention period) a face image: sensitive personal information under PIPL. */
    BIOMETRIC_CAPTURE
}
