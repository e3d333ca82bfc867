package org.yingji.routing;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/** 400: a point lies farther from every road than the snap limit, so no travel time can be given honestly. */
public class OffNetwork extends ProblemException {

    private final double nearestRoadMeters;

    OffNetwork(String field, double nearestRoadMeters, double limitMeters) {
        super(HttpStatus.BAD_REQUEST, "routing.off-network", "点不在路网上",
                String.format("点不在路网上：距最近道路约 %.0f 米，超过 %.0f 米的吸附上限", nearestRoadMeters, limitMeters),
                List.of(new FieldProblem(field, "routing.off-network",
                        String.format("点不在路网上（距最近道路 %.0f 米）", nearestRoadMeters))));
        this.nearestRoadMeters = nearestRoadMeters;
    }

    public double nearestRoadMeters() {
        return nearestRoadMeters;
    }
}
