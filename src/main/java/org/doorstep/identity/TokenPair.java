package org.doorstep.identity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenPair", description = "An access token (JWT, about 15 minutes) and the refresh token that renews it")
public record TokenPair(
        @Schema(description = "RS256 JWT for the Authorization: Bearer header") String accessToken,
        @Schema(description = "Opaque, single use; trade it at /api/v1/auth/refresh", examples = "rt_3q2+7w...") String refreshToken,
        @Schema(description = "Seconds until the access token expires", examples = "900") long expiresIn,
        @Schema(examples = "Bearer") String tokenType) {
}
