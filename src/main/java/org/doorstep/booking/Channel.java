package org.doorstep.booking;

/** How the request reached the town. */
public enum Channel {
    HOTLINE_12345,
    TOWN_PHONE,
    VILLAGE_HELPER,
    WALK_IN
}
