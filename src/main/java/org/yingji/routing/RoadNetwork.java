package org.yingji.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Owns the road graph: imports the configured OSM file at start in the background (a city extract takes
 * minutes; until then answers are estimates), and keeps the import in {@code graphDir/<file hash>} so a restart
 * with the same file only loads it, and a changed file (other size, time or content) is imported afresh.
 */
@Component
class RoadNetwork implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoadNetwork.class);

    enum State { NOT_CONFIGURED, BUILDING, READY, FAILED }

    private final RoutingSettings settings;
    private volatile RoadGraph graph;
    private volatile State state;
    private volatile String failure;

    RoadNetwork(RoutingSettings settings) {
        this.settings = settings;
        this.state = settings.hasOsmFile() ? State.BUILDING : State.NOT_CONFIGURED;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.hasOsmFile()) {
            Thread importer = new Thread(this::load, "road-graph-import");
            importer.setDaemon(true);
            importer.start();
        }
    }

    private void load() {
        Path osm = Path.of(settings.osmFile());
        try {
            long started = System.nanoTime();
            graph = open(osm, Path.of(settings.graphDir()), settings.snapLimitMeters());
            state = State.READY;
            log.info("Road graph of {} ready: {} nodes, {} edges, {} ms", osm, graph.nodes(), graph.edges(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            failure = e.getMessage();
            state = State.FAILED;
            log.error("Road graph of {} could not be built; travel times stay estimates", osm, e);
        }
    }

    /** Opens the graph of a file, importing it unless an import of exactly this file is already on disk. */
    static RoadGraph open(Path osm, Path graphDir, double snapLimitMeters) {
        if (!Files.isRegularFile(osm)) {
            throw new IllegalStateException("OSM file not found: " + osm.toAbsolutePath());
        }
        String fingerprint = fingerprint(osm);
        Path dir = graphDir.resolve(fingerprint);
        deleteOthers(graphDir, dir);
        return new RoadGraph(osm, dir, snapLimitMeters);
    }

    /** Size, modification time and SHA-256 of the content: a replaced file gets a new graph folder. */
    static String fingerprint(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            byte[] hash = ((DigestInputStream) in).getMessageDigest().digest();
            return Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis() + "-"
                    + HexFormat.of().formatHex(hash, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteOthers(Path graphDir, Path keep) {
        if (!Files.isDirectory(graphDir)) {
            return;
        }
        try (Stream<Path> children = Files.list(graphDir)) {
            for (Path child : children.filter(p -> !p.equals(keep)).toList()) {
                try (Stream<Path> tree = Files.walk(child)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The graph, or null while there is none (not configured, building or failed): callers then estimate. */
    RoadGraph graph() {
        return graph;
    }

    State state() {
        return state;
    }

    String failure() {
        return failure;
    }

    @Override
    public void destroy() {
        if (graph != null) {
            graph.close();
        }
    }
}
