package bench;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The monitoring load generator, run as its own process by bench/monitoring/run.sh and crash.sh. Signs in with the
 * API token in the environment variable {@code MQTT_TOKEN} when it is set.
 * <ul>
 *   <li>{@code broker <port>}: the platform's embedded broker alone, counting every telemetry publish in a
 *       consumer that keeps it at once — the reference for the ratio;</li>
 *   <li>{@code moquette <port>}: Moquette 0.17 alone (the broker the platform embedded before), counting in an
 *       interceptor — a second reference, a broker from elsewhere;</li>
 *   <li>{@code publish <url> <sensors> <rate/s, 0 = max> <seconds> [ack-log]}: QoS 1 readings
 *       {@code yingji/telemetry/BENCH-nnnnn} from that many sensors over 4 connections ({@link NettyLoad}, at most
 *       one reading in flight per sensor); prints the PUBACK rate;
 *       with an ack-log, writes "code time" of every acknowledged reading (for the crash check);</li>
 *   <li>{@code latency <url> <http-base> <token> <rate/s> <seconds>}: background load at that rate plus, every
 *       100 ms, one sensor pushed over its red line (and back); an SSE client measures publish → alarm event.</li>
 * </ul>
 */
public final class MqttBench {

    static final String PREFIX = "yingji/telemetry/";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "broker" -> broker(Integer.parseInt(args[1]));
            case "moquette" -> moquette(Integer.parseInt(args[1]));
            case "publish" -> publish(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args.length > 5 ? Path.of(args[5]) : null);
            case "latency" -> latency(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void broker(int port) throws Exception {
        java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
        try (AutoCloseable ignored = org.yingji.platform.mqtt.BrokerAlone.start(port, PREFIX + "+", count)) {
            System.out.println("BROKER ready on " + port);
            report(count::sum);
        }
    }

    static void report(java.util.function.LongSupplier count) throws InterruptedException {
        long last = 0;
        while (true) {
            Thread.sleep(1000);
            long now = count.getAsLong();
            System.out.println("BROKER t=" + System.currentTimeMillis() + " total=" + now + " rate=" + (now - last));
            last = now;
        }
    }

    static void moquette(int port) throws Exception {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("use_metrics", "false");
        Server server = new Server();
        server.startServer(new MemoryConfig(p));
        AtomicLong count = new AtomicLong();
        server.addInterceptHandler(new AbstractInterceptHandler() {
            @Override
            public String getID() {
                return "count";
            }

            @Override
            public Class<?>[] getInterceptedMessageTypes() {
                return new Class<?>[] {InterceptPublishMessage.class};
            }

            @Override
            public void onPublish(InterceptPublishMessage msg) {
                byte[] payload = new byte[msg.getPayload().readableBytes()];
                msg.getPayload().getBytes(msg.getPayload().readerIndex(), payload);
                count.incrementAndGet();
                super.onPublish(msg);
            }

            @Override
            public void onSessionLoopError(Throwable error) {
            }
        });
        System.out.println("BROKER ready on " + port);
        report(count::get);
    }

    /** The latency run's probe: one Paho connection, a few readings a second. */
    static MqttAsyncClient probe(String url) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(url, "bench-probe-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        String token = System.getenv("MQTT_TOKEN"); // the platform's broker wants an API token as password
        if (token != null && !token.isBlank()) {
            o.setUserName("bench");
            o.setPassword(token.toCharArray());
        }
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    static final int CONNECTIONS = 4;

    /**
     * Publishes readings over {@link NettyLoad} at {@code rate}/s (0 = as fast as the windows allow), one reading in
     * flight per sensor at most (the windows of the {@value #CONNECTIONS} connections add up to the sensors); {@code tick}
     * runs before message i (the latency probes). Returns sent, acknowledged, failed, acknowledged/s (to the last
     * PUBACK), sent/s.
     */
    static long[] load(String url, int sensors, int rate, int seconds, PrintWriter ackLog,
                       java.util.function.LongConsumer tick) throws Exception {
        // Topics are made once and times are epoch milliseconds, one second apart per sensor (unique per sensor,
        // never ahead): the generator must cost less than what it measures.
        long baseMs = System.currentTimeMillis() - (seconds + 5) * 1000L;
        String[] codes = new String[sensors];
        String[] topics = new String[sensors];
        for (int s = 0; s < sensors; s++) {
            codes[s] = String.format("BENCH-%05d", s);
            topics[s] = PREFIX + codes[s];
        }
        java.util.function.LongConsumer logAck = ackLog == null ? null : n -> {
            String line = codes[(int) (n % sensors)] + " " + Instant.ofEpochMilli(baseMs + (n / sensors) * 1000);
            synchronized (ackLog) {
                ackLog.println(line);
            }
        };
        int window = Math.max(10, sensors / CONNECTIONS);
        try (NettyLoad net = new NettyLoad(url, CONNECTIONS, System.getenv("MQTT_TOKEN"), logAck)) {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long i = 0;
            java.util.Random random = new java.util.Random(7);
            while (System.nanoTime() < end) {
                if (rate > 0) {
                    long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                    if (wait > 0) {
                        net.flush();
                        LockSupport.parkNanos(wait);
                    }
                }
                if (tick != null) {
                    tick.accept(i);
                }
                int sensor = (int) (i % sensors);
                byte[] payload = ("{\"value\":" + (20 + random.nextInt(3000) / 100.0) + ",\"time\":"
                        + (baseMs + (i / sensors) * 1000) + "}").getBytes(StandardCharsets.UTF_8);
                while (!net.offer(i, topics[sensor], payload, window)) {
                    net.flush(); // window full: wait for PUBACKs
                    LockSupport.parkNanos(100_000);
                }
                if (i % 64 == 0) {
                    net.flush();
                }
                i++;
            }
            net.flush();
            long sent = i;
            long drainEnd = System.nanoTime() + 10_000_000_000L;
            while (net.acked.get() + net.failed.get() < sent && System.nanoTime() < drainEnd) {
                Thread.sleep(10);
            }
            // over the time to the last PUBACK, not to the end of the wait for stragglers
            double secs = (Math.max(net.lastAckNanos.get(), start + 1) - start) / 1e9;
            return new long[] {sent, net.acked.get(), sent - net.acked.get(), Math.round(net.acked.get() / secs),
                Math.round(sent / ((end - start) / 1e9))};
        }
    }

    static void publish(String url, int sensors, int rate, int seconds, Path ackLog) throws Exception {
        PrintWriter log = ackLog == null ? null : new PrintWriter(Files.newBufferedWriter(ackLog), false);
        long[] r = load(url, sensors, rate, seconds, log, null);
        if (log != null) {
            log.flush();
            log.close();
        }
        System.out.println("PUBLISH sent=" + r[0] + " acked=" + r[1] + " failed=" + r[2] + " ack_rate=" + r[3]
                + " sent_rate=" + r[4]);
        System.exit(0); // a clean disconnect waits up to 30 s for in-flight messages; the broker copes with a drop
    }

    static void latency(String url, String http, String token, int rate, int seconds) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        HttpResponse<java.io.InputStream> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(http + "/api/monitoring/stream")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "alarm".equals(event) && line.contains("\"state\":\"RAISED\"")) {
                        long now = System.nanoTime();
                        int at = line.indexOf("\"sensorCode\":\"");
                        String code = line.substring(at + 14, line.indexOf('"', at + 14));
                        Long t0 = sentAt.remove(code);
                        if (t0 != null) {
                            latencies.add((now - t0) / 1e6);
                        }
                    }
                }
            } catch (Exception ignored) {
                // stream closed at the end
            }
        });
        reader.setDaemon(true);
        reader.start();
        MqttAsyncClient probe = probe(url);
        int probes = 50;
        int every = Math.max(1, rate / 10); // ten probes a second
        boolean[] red = new boolean[probes];
        long[] r = load(url, 20_000, rate, seconds, null, i -> {
            if (i % every != 0) {
                return;
            }
            int k = (int) (i / every % probes);
            String code = String.format("BENCH-%05d", 19_999 - k);
            red[k] = !red[k];
            String body = "{\"value\":" + (red[k] ? 150 : 10) + ",\"time\":\"" + Instant.now() + "\"}";
            if (red[k]) {
                sentAt.put(code, System.nanoTime());
            }
            try {
                probe.publish(PREFIX + code, body.getBytes(StandardCharsets.UTF_8), 1, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2000);
        List<Double> sorted = new ArrayList<>(latencies);
        // In arrival order: shows whether the tail is the first (cold) alarms or spread over the run.
        System.out.println("LATENCY first10_ms=" + sorted.subList(0, Math.min(10, sorted.size())).stream()
                .map(v -> String.format("%.0f", v)).toList());
        Collections.sort(sorted);
        System.out.println("LATENCY load_sent_rate=" + r[4] + " load_ack_rate=" + r[3] + " samples=" + sorted.size()
                + " p50_ms=" + pct(sorted, 0.50) + " p99_ms=" + pct(sorted, 0.99) + " max_ms="
                + (sorted.isEmpty() ? "nan" : String.format("%.1f", sorted.get(sorted.size() - 1))));
        System.exit(0);
    }

    static String pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return "nan";
        }
        return String.format("%.1f", sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }
}
