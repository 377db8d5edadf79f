package org.doorstep.shared;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON is read strictly: {@code 7.5} is not a whole number, {@code "10"} is not a number,
 * {@code 1} is not an enum value, {@code null} is not a {@code false}, and nothing may follow
 * the document. A tablet with a bug learns of it at once instead of booking the wrong thing.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final ZoneId zone;

    /** The town's zone is the clock's (doorstep.time-zone, read once, by the clock). */
    public StrictJson(java.time.Clock clock) {
        this.zone = clock.getZone();
    }

    /** After the framework's own customizers, so that our Instant format wins over JavaTimeModule's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // Times go out with the towns' offset (2026-11-27T09:30:00+08:00), as people there read them.
        SimpleModule times = new SimpleModule("doorstep-times");
        times.addSerializer(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(OffsetDateTime.ofInstant(value, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
        });
        // No NUL in any text (PostgreSQL cannot store it, and no person types it), and no half of a UTF-16
        // surrogate pair (\ud800 alone is no character: it would be stored as "?").
        times.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String value = super.deserialize(p, ctxt);
                if (value != null && value.indexOf('\u0000') >= 0) {
                    throw InvalidFormatException.from(p, "contains a NUL character", value, String.class);
                }
                if (value != null && loneSurrogate(value)) {
                    throw InvalidFormatException.from(p, "contains half of a UTF-16 surrogate pair, which is no character",
                            value, String.class);
                }
                return value;
            }
        });
        mapper.registerModule(times);
    }

    /** Whether the text holds a high surrogate not followed by a low one, or a low one not after a high one. */
    static boolean loneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
