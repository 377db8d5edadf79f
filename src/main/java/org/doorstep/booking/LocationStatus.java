package org.doorstep.booking;

/**
 * Whether the tablet knew where it was when something happened at a visit: a fix (with its accuracy), the agent
 * or the tablet refused to share it, or no fix came in time. A refusal is recorded as such and never holds the
 * visit up.
 */
public enum LocationStatus {
    FIXED,
    DENIED,
    UNAVAILABLE
}
