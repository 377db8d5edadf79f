package org.doorstep.dispatch.planner;

/** Minutes of travel between villages, by index. */
public final class TravelTimes {

    private final int[][] minutes;

    public TravelTimes(int[][] minutes) {
        for (int[] row : minutes) {
            if (row.length != minutes.length) {
                throw new IllegalArgumentException("The travel matrix is square");
            }
        }
        this.minutes = minutes;
    }

    public int between(int from, int to) {
        return minutes[from][to];
    }

    public int villages() {
        return minutes.length;
    }
}
