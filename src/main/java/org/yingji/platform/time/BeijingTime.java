package org.yingji.platform.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The time people read: instants are stored in UTC, but every message, report and file name a person sees shows
 * Beijing time (UTC+8, no daylight saving), whatever the server's own zone is.
 */
public final class BeijingTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** 2026-11-29 12:30 */
    public static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private BeijingTime() {
    }

    /** {@code at} to the minute in Beijing time, e.g. "2026-11-29 12:30". */
    public static String minutes(Instant at) {
        return MINUTES.format(at);
    }
}
