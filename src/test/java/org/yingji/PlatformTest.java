package org.yingji;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full-stack test: the real application on a random port, on its own embedded PostgreSQL (a fresh cluster
 * under target/), with a clock the test can move. All classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "yingji.db.embedded.data-dir=target/pg-test-${random.uuid}",
        "yingji.db.embedded.clean=true",
        "yingji.bootstrap.admin-password=" + TestUsers.INITIAL_ADMIN_PASSWORD,
        "yingji.mqtt.port=0",
        "yingji.mqtt.host=127.0.0.1",
        "yingji.monitoring.simulator.enabled=false",
})
@Import(TestClockConfiguration.class)
public @interface PlatformTest {
}
