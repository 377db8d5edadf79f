package org.doorstep.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** Refresh families and their tokens, one aggregate: a family is locked while one of its tokens is used. */
@ApplicationScoped
public class RefreshRepository {

    private final EntityManager em;

    public RefreshRepository(EntityManager em) {
        this.em = em;
    }

    void persist(RefreshFamily family) {
        em.persist(family);
    }

    void persist(RefreshToken token) {
        em.persist(token);
    }

    Optional<RefreshToken> findByHash(byte[] hash) {
        return em.createQuery("from RefreshToken where tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }

    Optional<RefreshToken> find(UUID id) {
        return Optional.ofNullable(em.find(RefreshToken.class, id));
    }

    /** Re-reads a token after its family was locked, so that a concurrent refresh is seen. */
    void refreshState(RefreshToken token) {
        em.refresh(token);
    }

    UUID staffOf(UUID familyId) {
        return em.createQuery("select staffId from RefreshFamily where id = :id", UUID.class).setParameter("id", familyId)
                .getSingleResult();
    }

    UUID deviceOf(UUID familyId) {
        List<UUID> device = em.createQuery("select deviceId from RefreshFamily where id = :id", UUID.class)
                .setParameter("id", familyId).getResultList();
        return device.isEmpty() ? null : device.get(0);
    }

    RefreshFamily lockFamily(UUID id) {
        return em.find(RefreshFamily.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    List<RefreshFamily> liveFamiliesOfDevice(UUID deviceId) {
        return em.createQuery("from RefreshFamily where deviceId = :d and revokedAt is null", RefreshFamily.class)
                .setParameter("d", deviceId).getResultList();
    }

    List<RefreshFamily> liveFamiliesOfStaff(UUID staffId) {
        return em.createQuery("from RefreshFamily where staffId = :s and revokedAt is null", RefreshFamily.class)
                .setParameter("s", staffId).getResultList();
    }
}
