package org.doorstep.shared.security;

import java.util.List;

/** The JWT groups, one per kind of staff work (see the domain's "Who uses the API"). */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String DISPATCHER = "dispatcher";
    public static final String FIELD_AGENT = "field_agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    /**
     * What is shared by every town of the county (the national working calendar); given only by another
     * county admin, and to the first admin of a deployment.
     */
    public static final String COUNTY_ADMIN = "county_admin";

    /**
     * The roles above a town's: an account that holds one is changed only by someone who holds it too (a town's
     * admin manages the town's accounts, never a county admin's).
     */
    public static final List<String> ABOVE_TOWN = List.of(COUNTY_ADMIN);

    public static final List<String> ALL = List.of(OPERATOR, DISPATCHER, FIELD_AGENT, SUPERVISOR, ADMIN, COUNTY_ADMIN);

    private Roles() {
    }
}
