package org.doorstep.dispatch.planner;

import java.util.UUID;

/** A visit the plan keeps where it is (already started, or not to be moved), minutes of the day. */
public record Block(UUID visitId, String ticket, int start, int end, int village) {

    public Block {
        if (end <= start) {
            throw new IllegalArgumentException("A block ends after it starts");
        }
    }
}
