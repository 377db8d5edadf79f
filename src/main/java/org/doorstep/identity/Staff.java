package org.doorstep.identity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.doorstep.shared.security.Roles;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A staff account of one town. Field agents belong to a team and sign in only on a tablet. */
@Entity
@Table(name = "staff")
public class Staff {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    private String username;
    @Column(name = "display_name")
    private String displayName;
    private String phone;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] roles;
    @Column(name = "team_id")
    private UUID teamId;
    private boolean active;
    @Column(name = "password_hash")
    private String passwordHash;
    @Version
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Staff() {
    }

    Staff(UUID townId, String username, String displayName, String phone, List<String> roles, UUID teamId,
            String passwordHash, Instant now) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.username = username;
        this.displayName = displayName;
        this.phone = phone;
        this.roles = roles.toArray(String[]::new);
        this.teamId = teamId;
        this.active = true;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String phone() {
        return phone;
    }

    public List<String> roles() {
        return List.copyOf(Arrays.asList(roles));
    }

    public boolean hasRole(String role) {
        return Arrays.asList(roles).contains(role);
    }

    /** A field agent and nothing else: such an account gets tokens only through a tablet. */
    public boolean onlyFieldAgent() {
        return roles.length == 1 && Roles.FIELD_AGENT.equals(roles[0]);
    }

    public UUID teamId() {
        return teamId;
    }

    public boolean active() {
        return active;
    }

    String passwordHash() {
        return passwordHash;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void changePassword(String hash, Instant now) {
        this.passwordHash = hash;
        this.updatedAt = now;
    }

    void rename(String displayName, Instant now) {
        this.displayName = displayName;
        this.updatedAt = now;
    }

    void changePhone(String phone, Instant now) {
        this.phone = phone;
        this.updatedAt = now;
    }

    void assign(List<String> roles, UUID teamId, Instant now) {
        this.roles = roles.toArray(String[]::new);
        this.teamId = teamId;
        this.updatedAt = now;
    }

    void activate(boolean active, Instant now) {
        this.active = active;
        this.updatedAt = now;
    }
}
