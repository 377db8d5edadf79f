package org.doorstep.dispatch;

/** Travel time between two points from straight-line distance, a road factor and an average speed. */
public final class Travel {

    private static final double EARTH_RADIUS_KM = 6371.0;

    private Travel() {
    }

    /** Great-circle distance in km (haversine). */
    public static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Whole minutes of road travel between two villages, by the configured road factor and speed. */
    static int minutes(org.doorstep.catalog.Village from, org.doorstep.catalog.Village to, DispatchConfig config) {
        return minutes(from.latitude().doubleValue(), from.longitude().doubleValue(), to.latitude().doubleValue(),
                to.longitude().doubleValue(), config.roadFactor(), config.ruralSpeedKmh());
    }

    /** Whole minutes, rounded up, of road travel between the points. */
    public static int minutes(double lat1, double lon1, double lat2, double lon2, double roadFactor, double speedKmh) {
        double km = kilometres(lat1, lon1, lat2, lon2) * roadFactor;
        return (int) Math.ceil(km / speedKmh * 60);
    }
}
