package org.doorstep.supervision;

import org.doorstep.shared.ProblemKind;

/** The refusals of follow-up calls and filings. Each type once, with its status and title. */
public enum SupervisionProblem implements ProblemKind {
    VISIT_NOT_CLOSED("visit-not-closed", 409, "The visit is not closed"),
    FOLLOW_UP_DONE("follow-up-done", 409, "The resident was reached already"),
    FILING_NOT_FAILED("filing-not-failed", 409, "Not a parked filing");

    private final String slug;
    private final int status;
    private final String title;

    SupervisionProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
