package org.yingji.platform.mqtt;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yingji.platform.security.MachineTokens;

@Configuration(proxyBeanMethods = false)
class MqttConfiguration {

    @Bean(destroyMethod = "close")
    Mqtt mqtt(MqttSettings settings, MachineTokens tokens) {
        if (settings.external()) {
            return new PahoMqtt(settings);
        }
        return new EmbeddedMqttBroker(settings, settings.allowAnonymous() ? null
                : password -> tokens.authenticate(password).isPresent());
    }
}
