package org.yingji.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param lockAfterFailures wrong passwords in a row that lock an account
 * @param lockDuration      how long the lock lasts
 */
@ConfigurationProperties("yingji.security")
public record SecuritySettings(int lockAfterFailures, Duration lockDuration) {
}
