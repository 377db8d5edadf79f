/**
 * The day planner's model, free of the web and the database: visits to place, teams with their
 * working windows, fixed visits and a list of visits each, the timing of a route, the constraints
 * the solver scores, and a greedy baseline to measure it against.
 */
package org.doorstep.dispatch.planner;
