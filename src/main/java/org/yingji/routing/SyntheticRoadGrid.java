package org.yingji.routing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a SYNTHETIC road network as an .osm file: a regular grid of streets over a bounding box, every fifth
 * line a 60 km/h main road and the rest 40 km/h streets. It is not Zigong's road network (none is available
 * offline); it exists so the demo, the browser test and the benchmark run the real graph code on a network of
 * realistic size and speeds. docs/OPERATIONS.md says how to get the real extract.
 *
 * <p>Run: {@code java -cp target/classes:<deps> org.yingji.routing.SyntheticRoadGrid out.osm 300} (spacing in
 * metres; optional bbox minLon minLat maxLon maxLat, default Zigong's 104.0 28.9 105.4 29.7).
 */
public final class SyntheticRoadGrid {

    /** Zigong's extent, rounded out: the same box docs/OPERATIONS.md cuts from the China extract. */
    public static final double[] ZIGONG_BBOX = {104.0, 28.9, 105.4, 29.7};
    static final int MAIN_ROAD_EVERY = 5;

    private SyntheticRoadGrid() {
    }

    public static void main(String[] args) {
        double spacing = args.length > 1 ? Double.parseDouble(args[1]) : 500;
        double[] bbox = args.length > 5 ? new double[]{Double.parseDouble(args[2]), Double.parseDouble(args[3]),
                Double.parseDouble(args[4]), Double.parseDouble(args[5])} : ZIGONG_BBOX;
        int[] size = write(Path.of(args[0]), bbox, spacing);
        System.out.printf("wrote %s: %d × %d nodes, synthetic grid, %.0f m spacing%n", args[0], size[0], size[1],
                spacing);
    }

    /** Writes the grid; returns its columns and rows. */
    public static int[] write(Path file, double[] bbox, double spacingMeters) {
        double midLat = Math.toRadians((bbox[1] + bbox[3]) / 2);
        double dLat = spacingMeters / 111_195.0;
        double dLon = dLat / Math.cos(midLat);
        int columns = (int) Math.floor((bbox[2] - bbox[0]) / dLon) + 1;
        int rows = (int) Math.floor((bbox[3] - bbox[1]) / dLat) + 1;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<osm version=\"0.6\" generator=\"Yingji SyntheticRoadGrid (SYNTHETIC, not a real map)\">\n");
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    out.write(String.format(Locale.ROOT, "<node id=\"%d\" lat=\"%.6f\" lon=\"%.6f\" version=\"1\"/>%n",
                            node(r, c, columns), bbox[1] + r * dLat, bbox[0] + c * dLon));
                }
            }
            long way = 1;
            for (int r = 0; r < rows; r++) {
                out.write("<way id=\"" + way++ + "\" version=\"1\">");
                for (int c = 0; c < columns; c++) {
                    out.write("<nd ref=\"" + node(r, c, columns) + "\"/>");
                }
                tags(out, r);
            }
            for (int c = 0; c < columns; c++) {
                out.write("<way id=\"" + way++ + "\" version=\"1\">");
                for (int r = 0; r < rows; r++) {
                    out.write("<nd ref=\"" + node(r, c, columns) + "\"/>");
                }
                tags(out, c);
            }
            out.write("</osm>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new int[]{columns, rows};
    }

    private static long node(int row, int column, int columns) {
        return (long) row * columns + column + 1;
    }

    private static void tags(BufferedWriter out, int line) throws IOException {
        boolean main = line % MAIN_ROAD_EVERY == 0;
        out.write(main ? "<tag k=\"highway\" v=\"primary\"/><tag k=\"maxspeed\" v=\"60\"/>"
                : "<tag k=\"highway\" v=\"tertiary\"/><tag k=\"maxspeed\" v=\"40\"/>");
        out.write("<tag k=\"note\" v=\"synthetic\"/></way>\n");
    }
}
