package org.yingji.monitoring;

import java.time.Instant;

/** An open alarm went to another colour (up or down). */
public record AlarmLevelChanged(long alarmId, long stationId, String sensorCode, Level from, Level to, double value,
                                String regionCode, Instant at) {
}
