package org.doorstep.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseRefusalsTest {

    @ParameterizedTest
    @CsvSource({
            "57P01, 503", // the database is shutting down (a restart): was a 500
            "57P02, 503", "57P03, 503", // crash shutdown; not yet accepting connections
            "08006, 503", "08001, 503", "08003, 503", // the connection broke or could not be made
            "53300, 503", // too many connections
            "23505, 409", "40001, 409", "23514, 422", "22021, 400" })
    void whatTheDatabaseSaysBecomesAProblemAClientCanActOn(String sqlState, int status) {
        assertEquals(status, DatabaseRefusals.problemFor(sqlState, "/api/v1/visits").getStatus());
    }
}
