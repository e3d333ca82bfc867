package org.yingji.warning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends published warnings whose expiry time has passed (audited as the system). */
@Component
class WarningExpiry {

    private static final Logger log = LoggerFactory.getLogger(WarningExpiry.class);

    private final Warnings warnings;

    WarningExpiry(Warnings warnings) {
        this.warnings = warnings;
    }

    @Scheduled(fixedDelayString = "${yingji.warning.expiry-check:PT1M}")
    void expire() {
        int expired = warnings.expireDue();
        if (expired > 0) {
            log.info("{} warning(s) expired", expired);
        }
    }
}
