package org.doorstep.booking;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Human-readable ticket numbers, {@code YA-20261127-0007}: per town and day, without gaps or
 * duplicates. The counter row is taken in the booking's own transaction, so concurrent bookings
 * queue on it, and a booking that fails gives its number back by rolling back.
 */
@ApplicationScoped
public class TicketNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EntityManager em;

    public TicketNumbers(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(UUID townId, String prefix, LocalDate day) {
        Number n = (Number) em.createNativeQuery("INSERT INTO ticket_counter (town_id, day, last) VALUES (?1, ?2, 1)"
                + " ON CONFLICT (town_id, day) DO UPDATE SET last = ticket_counter.last + 1 RETURNING last")
                .setParameter(1, townId).setParameter(2, day).getSingleResult();
        if (n.intValue() > 9999) {
            throw BookingProblem.TOO_MANY_TICKETS.exception("This town has booked 9999 visits today; call the administrator");
        }
        return prefix + "-" + DAY.format(day) + "-" + String.format("%04d", n.intValue());
    }
}
