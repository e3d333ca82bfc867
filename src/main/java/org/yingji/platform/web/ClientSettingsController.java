package org.yingji.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "客户端设置 Client settings")
@RestController
class ClientSettingsController {

    private final String tiandituKey;

    ClientSettingsController(@Value("${yingji.map.tianditu-key:}") String tiandituKey) {
        this.tiandituKey = tiandituKey;
    }

    record ClientSettings(String cityName, List<Double> center, String tiandituKey) {
    }

    @Operation(summary = "Settings the web app needs: the city, the map centre, the Tianditu key if configured")
    @GetMapping("/api/settings/client")
    ClientSettings settings() {
        return new ClientSettings("自贡市", List.of(104.7784, 29.3392),
                StringUtils.hasText(tiandituKey) ? tiandituKey : null);
    }
}
