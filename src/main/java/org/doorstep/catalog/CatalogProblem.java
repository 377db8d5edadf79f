package org.doorstep.catalog;

import org.doorstep.shared.ProblemKind;

/** The refusals about the town's places and catalogue. Each type once, with its status and title. */
public enum CatalogProblem implements ProblemKind {
    UNKNOWN_VILLAGE("unknown-village", 422, "No such village"),
    UNKNOWN_SERVICE_TYPE("unknown-service-type", 422, "No such service");

    private final Definition definition;

    CatalogProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
