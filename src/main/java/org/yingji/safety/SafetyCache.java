package org.yingji.safety;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Caches the expensive read models of the safety module (dashboard figures, the four-colour layer) per
 * visibility. Any write to enterprises or hazards bumps a version and so invalidates them; besides, an entry is
 * recomputed after {@code maxAge}, so time-dependent figures (overdue) are never older than that.
 */
@Component
class SafetyCache {

    private final AtomicLong version = new AtomicLong();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;

    SafetyCache(@Value("${yingji.safety.cache-max-age:PT60S}") Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    private record Entry(long version, Instant at, Object value) {
    }

    /** A JSON document and its gzip form, computed once per cache entry. */
    record Json(String text, byte[] gzip) {
        static Json of(String text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 6);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new Json(text, out.toByteArray());
        }
    }

    void invalidate() {
        version.incrementAndGet();
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        long current = version.get();
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && entry.version() == current && entry.at().plus(maxAge).isAfter(now)) {
            return (T) entry.value();
        }
        T value = compute.get();
        entries.put(key, new Entry(current, now, value));
        return value;
    }
}
