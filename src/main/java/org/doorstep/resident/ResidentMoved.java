package org.doorstep.resident;

import java.util.UUID;

import org.doorstep.shared.security.Caller;

/**
 * A resident's address was corrected and the operator asked for their open visits to go there too: fired inside
 * the correction's transaction, so the feature that holds the visits moves them in it (or the correction fails
 * with them). That feature says how many it moved.
 */
public final class ResidentMoved {

    private final Caller operator;
    private final UUID residentId;
    private final String address;
    private int visitsMoved;

    ResidentMoved(Caller operator, UUID residentId, String address) {
        this.operator = operator;
        this.residentId = residentId;
        this.address = address;
    }

    public Caller operator() {
        return operator;
    }

    public UUID residentId() {
        return residentId;
    }

    public String address() {
        return address;
    }

    public void moved(int visits) {
        this.visitsMoved += visits;
    }

    public int visitsMoved() {
        return visitsMoved;
    }
}
