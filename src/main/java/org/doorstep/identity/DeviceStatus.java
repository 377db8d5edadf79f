package org.doorstep.identity;

/** A tablet is registered (PENDING until it trades its enrolment code), ACTIVE, or REVOKED for good. */
public enum DeviceStatus {
    PENDING,
    ACTIVE,
    REVOKED
}
