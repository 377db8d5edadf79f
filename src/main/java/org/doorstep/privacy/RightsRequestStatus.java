package org.doorstep.privacy;

public enum RightsRequestStatus {
    OPEN,
    /** Carried out. */
    DONE,
    /** Refused with the legal reason the resident is told (PIPL Art. 50). */
    REFUSED
}
