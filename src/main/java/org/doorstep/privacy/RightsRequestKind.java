package org.doorstep.privacy;

/** The right a resident asks to exercise. */
public enum RightsRequestKind {
    /** A copy of everything held about them (PIPL Art. 45). */
    ACCESS_COPY(true),
    /** Their record put right (Art. 46). */
    CORRECTION(false),
    /** Their consent to biometric capture withdrawn (Art. 15). */
    CONSENT_WITHDRAWAL(true),
    /** Their personal data erased (Art. 47). */
    DELETION(true);

    private final boolean carriedOut;

    RightsRequestKind(boolean carriedOut) {
        this.carriedOut = carriedOut;
    }

    /**
     * Whether the right is exercised through its own endpoint, which names the request and closes it as done
     * (so nobody marks it done by hand); a correction is made at the desk and closed by the supervisor.
     */
    public boolean carriedOut() {
        return carriedOut;
    }
}
