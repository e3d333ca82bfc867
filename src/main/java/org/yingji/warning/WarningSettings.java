package org.yingji.warning;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the warning module (yingji.warning.* in application.yml).
 *
 * @param capSender     the CAP {@code <sender>} of our messages
 * @param publicBaseUrl where the public page and CAP documents are reachable from outside
 * @param coverageTarget share of the people in the area that must be reached (the plan's 90 %)
 * @param channels      the dissemination channels by id (a map, so that one setting can switch one on), each
 *                      naming its type and its limits
 */
@ConfigurationProperties("yingji.warning")
record WarningSettings(String capSender, String publicBaseUrl, Double coverageTarget, Duration expiryCheck,
                       Map<String, Channel> channels) {

    WarningSettings {
        capSender = capSender == null ? "cap@yjj.zg.gov.cn" : capSender;
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/$", "");
        coverageTarget = coverageTarget == null ? 0.9 : coverageTarget;
        expiryCheck = expiryCheck == null ? Duration.ofMinutes(1) : expiryCheck;
        channels = channels == null ? Map.of() : channels;
    }

    /**
     * One configured channel.
     *
     * @param type          smpp, mqtt, sse, webhook or sink (counts only: benchmarks)
     * @param recipients    which recipients it reaches: PHONE, SUBSCRIBER, TERMINAL (none for webhook)
     * @param ratePerSecond messages per second at most (0 = unlimited)
     * @param maxAttempts   tries per message before FAILED
     * @param backoff       wait before the second try, doubled for each further one
     * @param options       type-specific: host, port, system-id, password, url(s), topic prefix…
     */
    record Channel(String type, String recipients, Boolean enabled, Integer ratePerSecond,
                   Integer maxAttempts, Duration backoff, Map<String, String> options) {

        Channel {
            enabled = enabled == null || enabled;
            ratePerSecond = ratePerSecond == null ? 0 : ratePerSecond;
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
            options = options == null ? Map.of() : options;
        }

        String option(String key, String fallback) {
            String value = options.get(key);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
