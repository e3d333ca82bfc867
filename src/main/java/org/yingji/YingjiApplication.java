package org.yingji;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Yingji, the integrated emergency-management platform: one deployable, one module per domain. */
// No in-memory "user" account: sign-in goes through our own user table only.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class YingjiApplication {

    public static void main(String[] args) {
        SpringApplication.run(YingjiApplication.class, args);
    }
}
