package org.yingji.monitoring;

import java.time.Instant;

/** A sensor crossed a warning line: a new alarm. Published after commit through the event publication registry. */
public record AlarmRaised(long alarmId, long stationId, String stationName, String sensorCode, String sensorKind,
                          Level level, double value, String message, String regionCode, double lon, double lat,
                          Instant at) {
}
