package org.yingji.monitoring;

import org.junit.jupiter.api.Test;
import org.yingji.PlatformTest;

/** The alarm flow through the embedded broker (Moquette on a random port). */
@PlatformTest
class AlarmFlowTest extends AlarmFlowScenario {

    @Test
    void redCrossingOverMqtt() throws Exception {
        redCrossingOverMqttRaisesAnAlarmThatIsAcknowledgedAndCleared();
    }
}
