package org.doorstep.dispatch;

import org.doorstep.shared.ProblemKind;

/** The refusals of teams, assignments and day plans. Each type once, with its status and title. */
public enum DispatchProblem implements ProblemKind {
    DATE_IN_PAST("date-in-past", 422, "The day is past"),
    NOT_A_WORKING_DAY("not-a-working-day", 422, "Not a working day"),
    OVERLAPPING_HOURS("overlapping-hours", 422, "Working hours overlap"),
    TEAM_NAME_TAKEN("team-name-taken", 409, "The name is taken"),
    PLAN_ALREADY_APPLIED("plan-already-applied", 409, "The plan is applied already"),
    PLAN_FAILED("plan-failed", 409, "The plan failed"),
    PLAN_NOT_READY("plan-not-ready", 409, "The plan is not ready"),
    PLAN_STALE("plan-stale", 409, "The day changed since the plan"),
    PLANNER_BUSY("planner-busy", 503, "The planner is busy"),
    SLOT_NOT_FORWARD("slot-not-forward", 422, "The slot ends before it starts"),
    TEAM_INACTIVE("team-inactive", 422, "The team is not active"),
    VILLAGE_NOT_COVERED("village-not-covered", 422, "The team does not cover the village"),
    SLOT_IN_PAST("slot-in-past", 422, "The slot is in the past"),
    SLOT_SPANS_DAYS("slot-spans-days", 422, "The slot spans two days"),
    OUTSIDE_WORKING_HOURS("outside-working-hours", 422, "Outside the team's working hours"),
    SLOT_TOO_SHORT("slot-too-short", 422, "The slot is shorter than the service"),
    TEAM_FULL("team-full", 422, "The team is full that day"),
    OUTSIDE_PREFERRED_PERIOD("outside-preferred-period", 422, "Outside the resident's preferred period");

    private final Definition definition;

    DispatchProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
