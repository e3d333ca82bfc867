package org.yingji.platform.security;

import java.util.Optional;

/** Who a machine's API token acts as, for protocols other than HTTP (devices connecting over MQTT). */
public interface MachineTokens {

    /** The user a token acts as, when the token is known, live and its owner enabled. */
    Optional<CurrentUser> authenticate(String token);
}
