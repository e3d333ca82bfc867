package org.yingji.platform.mqtt;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MqttConfiguration {

    @Bean(destroyMethod = "close")
    PahoMqtt mqtt(MqttSettings settings) {
        return new PahoMqtt(settings);
    }
}
