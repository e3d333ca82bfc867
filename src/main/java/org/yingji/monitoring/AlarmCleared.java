package org.yingji.monitoring;

import java.time.Instant;

/** An alarm ended, automatically (back to normal) or by hand ({@code by} names who). */
public record AlarmCleared(long alarmId, long stationId, String sensorCode, String by, String regionCode,
                           Instant at) {
}
