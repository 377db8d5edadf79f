package org.doorstep.resident;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.shared.ProblemException;

/** The resident's own part of an erasure, which the rights feature orchestrates across the features. */
@ApplicationScoped
public class ResidentErasure {

    private final ResidentRepository residents;

    public ResidentErasure(ResidentRepository residents) {
        this.residents = residents;
    }

    /** The resident, locked for an erasure (404 when not of the town): true when they were erased already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockForErasure(UUID townId, UUID residentId) {
        Resident resident = residents.findInTown(townId, residentId).orElseThrow(() -> ProblemException.notFound("Resident"));
        residents.getEntityManager().refresh(resident, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return resident.erased();
    }

    /**
     * The resident forgets who they are: both numbers' ciphertexts and blind indexes go, the name and address say
     * {@code erased}, the group and notes go. The row stays, for every count it is in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID residentId, String erased, java.time.Instant now) {
        residents.getEntityManager().flush();
        residents.getEntityManager().createNativeQuery("UPDATE resident SET name = ?2, address = ?2, group_name = NULL,"
                + " notes = NULL, id_number_enc = NULL, id_number_key = NULL, id_number_index = NULL, id_number_masked = NULL,"
                + " id_number_index_key = NULL, phone_enc = NULL, phone_key = NULL, phone_index = NULL, phone_index_key = NULL,"
                + " phone_masked = NULL, erased_at = ?3, version = version + 1 WHERE id = ?1")
                .setParameter(1, residentId).setParameter(2, erased).setParameter(3, now).executeUpdate();
    }
}
