package org.doorstep.identity;

import org.doorstep.shared.ProblemKind;

/** The refusals of sign-in, tablets and staff accounts. Each type once, with its status and title. */
public enum IdentityProblem implements ProblemKind {
    INVALID_CREDENTIALS("invalid-credentials", 401, "Sign-in failed"),
    ACCOUNT_LOCKED("account-locked", 429, "Too many failed sign-ins"),
    SIGN_IN_SLOWED("sign-in-slowed", 429, "Sign-ins to this account are slowed down"),
    SIGN_IN_BUSY("sign-in-busy", 503, "Too many sign-ins at once"),
    INVALID_DEVICE_CREDENTIALS("invalid-device-credentials", 401, "The tablet is not recognised"),
    ACCOUNT_ABOVE_YOUR_ROLE("account-above-your-role", 403, "The account holds a role above yours"),
    NOT_ALLOWED_ON_TABLET("not-allowed-on-tablet", 403, "Not allowed on this tablet"),
    INVALID_REFRESH_TOKEN("invalid-refresh-token", 401, "The refresh token is not valid"),
    INVALID_ENROLLMENT_CODE("invalid-enrollment-code", 401, "The enrolment code is not valid"),
    DEVICE_SERIAL_TAKEN("device-serial-taken", 409, "This tablet is already registered"),
    DEVICE_NOT_PENDING("device-not-pending", 409, "The tablet is enrolled or revoked"),
    USERNAME_TAKEN("username-taken", 409, "The username is taken"),
    CANNOT_DEACTIVATE_SELF("cannot-deactivate-self", 409, "You cannot deactivate yourself"),
    USERNAME_OUTSIDE_TOWN("username-outside-town", 422, "The username does not begin with the town's prefix"),
    TEAM_REQUIRED("team-required", 422, "A field agent needs a team"),
    TEAM_NOT_ALLOWED("team-not-allowed", 422, "Only field agents belong to a team"),
    UNKNOWN_TEAM("unknown-team", 422, "No such team");

    private final Definition definition;

    IdentityProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
