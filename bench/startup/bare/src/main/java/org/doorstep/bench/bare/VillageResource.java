package org.doorstep.bench.bare;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The yardstick's only endpoint: every village, read from the database, as JSON. */
@Path("/villages")
public class VillageResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Village> list() {
        return Village.listAll();
    }
}
