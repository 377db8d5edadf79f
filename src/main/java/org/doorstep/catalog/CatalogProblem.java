package org.doorstep.catalog;

import org.doorstep.shared.ProblemKind;

/** The refusals about the town's places and catalogue. Each type once, with its status and title. */
public enum CatalogProblem implements ProblemKind {
    UNKNOWN_VILLAGE("unknown-village", 422, "No such village"),
    UNKNOWN_SERVICE_TYPE("unknown-service-type", 422, "No such service");

    private final String slug;
    private final int status;
    private final String title;

    CatalogProblem(String slug, int status, String title) {
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
