package org.yingji.warning;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Other platforms (the provincial system, a county's portal): an HTTP POST of a JSON summary with the CAP document
 * to each configured URL; a 2xx answer counts as delivered.
 */
class WebhookChannel implements WarningChannel {

    private final String id;
    private final List<String> urls;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookChannel(String id, WarningSettings.Channel settings, JsonMapper json) {
        this.id = id;
        this.urls = Arrays.stream(settings.option("urls", "").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        this.json = json;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RecipientKind reaches() {
        return null;
    }

    @Override
    public List<String> endpoints() {
        return urls;
    }

    @Override
    public boolean send(Outgoing message, Delivery delivery) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identifier", message.identifier());
        body.put("msgType", message.msgType());
        body.put("level", message.level());
        body.put("headline", message.headline());
        body.put("text", message.shortText());
        body.put("capUrl", message.capUrl());
        body.put("cap", message.cap());
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.address())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return true;
    }
}
