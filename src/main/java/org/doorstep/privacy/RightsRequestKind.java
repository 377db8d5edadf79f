package org.doorstep.privacy;

/** The right a resident asks to exercise. */
public enum RightsRequestKind {
    /** A copy of everything held about them (PIPL Art. 45). */
    ACCESS_COPY,
    /** Their record put right (Art. 46). */
    CORRECTION,
    /** Their consent to biometric capture withdrawn (Art. 15). */
    CONSENT_WITHDRAWAL,
    /** Their personal data erased (Art. 47). */
    DELETION
}
