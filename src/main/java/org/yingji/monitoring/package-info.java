/**
 * Monitoring and early warning: stations and their sensors, telemetry over MQTT and HTTP, four-colour alarm rules,
 * alarms with their handling, trends and forecasts. Other modules see only the public events in this package
 * ({@link org.yingji.monitoring.AlarmRaised}, {@link org.yingji.monitoring.AlarmLevelChanged},
 * {@link org.yingji.monitoring.AlarmCleared}), published through the persisted event publication registry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package org.yingji.monitoring;
