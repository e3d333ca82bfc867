package org.yingji.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yingji.Api;

class LayerJsonTest {

    @Test
    void quotedNamesSurviveAJsonParser() {
        String name = "队伍 \"甲\" \\ 第一\n\t\u0001组";
        StringBuilder json = new StringBuilder();
        Resources.quote(json, name);
        assertThat(Api.JSON.readTree(json.toString()).asString()).isEqualTo(name);
        StringBuilder none = new StringBuilder();
        Resources.quote(none, null);
        assertThat(none.toString()).isEqualTo("null");
    }
}
