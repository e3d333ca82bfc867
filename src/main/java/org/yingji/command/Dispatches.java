package org.yingji.command;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;
import org.yingji.resources.Deployments;
import org.yingji.resources.ResourceKind;
import org.yingji.resources.ResourceQueries;
import org.yingji.resources.ResourceView;
import org.yingji.resources.Stocks;
import org.yingji.routing.TravelTimes;

/**
 * Recommends teams (specialty fit first, then travel time from the routing module: road network when loaded,
 * otherwise its labelled straight-line estimate) and warehouses (stock, then travel time), and runs
 * dispatch orders ORDERED → EN_ROUTE → ON_SCENE → RETURNED, which deploy and release the team or take and return
 * the supplies.
 */
@Service
class Dispatches {

    /** Specialties (resources' RESCUE_TEAM.specialties codes) that fit each incident type, best first. */
    static final Map<IncidentType, List<String>> FIT = Map.ofEntries(
            Map.entry(IncidentType.FLOOD, List.of("WATER", "FLOOD")),
            Map.entry(IncidentType.METEOROLOGICAL, List.of("FLOOD", "WATER", "ELECTRIC")),
            Map.entry(IncidentType.DROUGHT, List.of("FLOOD")),
            Map.entry(IncidentType.EARTHQUAKE, List.of("EARTHQUAKE", "MOUNTAIN", "MEDICAL")),
            Map.entry(IncidentType.GEOLOGICAL, List.of("EARTHQUAKE", "MOUNTAIN")),
            Map.entry(IncidentType.FOREST_FIRE, List.of("FOREST_FIRE", "AVIATION")),
            Map.entry(IncidentType.HAZARDOUS_CHEMICALS, List.of("HAZCHEM", "MEDICAL")),
            Map.entry(IncidentType.GAS, List.of("HAZCHEM")),
            Map.entry(IncidentType.FIREWORKS, List.of("HAZCHEM")),
            Map.entry(IncidentType.MINE, List.of("MINE", "MEDICAL")),
            Map.entry(IncidentType.CONSTRUCTION, List.of("EARTHQUAKE", "MEDICAL")),
            Map.entry(IncidentType.ROAD_TRAFFIC, List.of("MEDICAL")),
            Map.entry(IncidentType.FIRE, List.of("HAZCHEM", "MEDICAL")));
    static final int CANDIDATES = 40;
    /** 30 km/h across country when no road joins the resource and the incident */
    static final double UNREACHABLE_SPEED_M_PER_S = 30_000 / 3600.0;

    record TeamCandidate(long teamId, String name, String regionName, double lon, double lat, List<String> specialties,
                         List<String> matchedSpecialties, Object headcount, Object leader, Object phone,
                         int travelSeconds, int distanceMeters, boolean estimate, String travelMethod) {
    }

    record SupplyCandidate(long warehouseId, String warehouseName, long itemId, String itemName, String unit,
                           BigDecimal quantity, int travelSeconds, int distanceMeters, boolean estimate) {
    }

    record OrderView(long id, long incidentId, String kind, long resourceId, String resourceName, Long itemId,
                     String itemName, BigDecimal quantity, Integer travelSeconds, boolean travelEstimate,
                     Integer distanceMeters, String status, Instant orderedAt, Instant updatedAt, String orderedBy) {
    }

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final ResourceQueries resources;
    private final Stocks stocks;
    private final Deployments deployments;
    private final TravelTimes travel;
    private final Timeline timeline;
    private final AuditLog audit;
    private final Clock clock;

    Dispatches(JdbcClient jdbc, Incidents incidents, ResourceQueries resources, Stocks stocks, Deployments deployments,
               TravelTimes travel, Timeline timeline, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.resources = resources;
        this.stocks = stocks;
        this.deployments = deployments;
        this.travel = travel;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    List<TeamCandidate> recommendTeams(CurrentUser user, long incidentId, int limit) {
        Incidents.Row incident = incidents.visibleRow(user, incidentId);
        List<String> fit = FIT.getOrDefault(IncidentType.valueOf(incident.type()), List.of());
        List<TeamCandidate> candidates = new ArrayList<>();
        TravelTimes.NearbyList nearby = travel.nearest(user.scope(), ResourceKind.RESCUE_TEAM, incident.lon(),
                incident.lat(), CANDIDATES, "AVAILABLE", Map.of());
        for (TravelTimes.Nearby n : nearby.items()) {
            if (n.seconds() == null) {
                continue; // no road reaches the incident from there
            }
            ResourceView team = n.resource();
            List<String> specialties = specialties(team);
            candidates.add(new TeamCandidate(team.id(), team.name(), team.regionName(), team.lon(), team.lat(), specialties,
                    fit.stream().filter(specialties::contains).toList(), team.attributes().get("headcount"),
                    team.attributes().get("leader"), team.attributes().get("phone"), (int) Math.round(n.seconds()),
                    (int) Math.round(n.straightMeters()), nearby.estimate(), nearby.basis()));
        }
        candidates.sort(Comparator.comparingInt((TeamCandidate c) -> fitRank(fit, c.matchedSpecialties()))
                .thenComparingInt(TeamCandidate::travelSeconds));
        return candidates.stream().limit(limit).toList();
    }

    /** 0 for a team with the best-fitting specialty, 1 for the next, …, fit.size() for no fit. */
    private static int fitRank(List<String> fit, List<String> matched) {
        return matched.stream().mapToInt(fit::indexOf).min().orElse(fit.size());
    }

    List<SupplyCandidate> recommendSupplies(CurrentUser user, long incidentId, long itemId, BigDecimal quantity) {
        Incidents.Row incident = incidents.visibleRow(user, incidentId);
        BigDecimal needed = quantity == null ? BigDecimal.ONE : quantity;
        List<SupplyCandidate> result = new ArrayList<>();
        TravelTimes.NearbyList nearby = travel.nearest(user.scope(), ResourceKind.WAREHOUSE, incident.lon(), incident.lat(),
                CANDIDATES, null, Map.of());
        for (TravelTimes.Nearby n : nearby.items()) {
            if (n.seconds() == null) {
                continue;
            }
            for (Stocks.StockLine line : stocks.of(user, n.resource().id())) {
                if (line.itemId() == itemId && line.quantity().compareTo(needed) >= 0) {
                    result.add(new SupplyCandidate(n.resource().id(), n.resource().name(), itemId, line.itemName(),
                            line.unit(), line.quantity(), (int) Math.round(n.seconds()), (int) Math.round(n.straightMeters()),
                            nearby.estimate()));
                }
            }
        }
        result.sort(Comparator.comparingInt(SupplyCandidate::travelSeconds));
        return result;
    }

    @Transactional
    OrderView dispatchTeam(CurrentUser user, long incidentId, long teamId) {
        Incidents.Row incident = incidents.active(user, incidentId);
        ResourceView team = deployments.deploy(user.scope(), teamId);
        TravelTimes.Route t = travelFrom(team, incident);
        long id = insert(user, incidentId, "TEAM", team.id(), team.name(), null, null, null, t);
        timeline.add(incidentId, Timeline.Kind.DISPATCH, "调派队伍：" + team.name(),
                "预计 %d 分钟到达（%s，约 %.1f 公里）".formatted(Math.round(t.seconds() / 60.0), t.basis(), t.meters() / 1000.0),
                null);
        OrderView view = order(id);
        audit.record("dispatch.team", "dispatch_order", id, null, view);
        return view;
    }

    @Transactional
    OrderView dispatchSupply(CurrentUser user, long incidentId, long warehouseId, long itemId, BigDecimal quantity) {
        Incidents.Row incident = incidents.active(user, incidentId);
        if (quantity == null || quantity.signum() <= 0) {
            throw new ProblemException.InvalidField("quantity", "Positive", "调拨数量须大于 0");
        }
        Stocks.StockLine line = stocks.of(user, warehouseId).stream().filter(l -> l.itemId() == itemId).findFirst()
                .orElseThrow(() -> new ProblemException.InvalidField("itemId", "stock.none", "该储备库没有这种物资"));
        ResourceView warehouse = deployments.withdraw(user.scope(), warehouseId, itemId, quantity);
        TravelTimes.Route t = travelFrom(warehouse, incident);
        String name = warehouse.name();
        long id = insert(user, incidentId, "SUPPLY", warehouseId, name, itemId, line.itemName(), quantity, t);
        timeline.add(incidentId, Timeline.Kind.DISPATCH, "调拨物资：" + line.itemName() + " " + quantity.stripTrailingZeros().toPlainString()
                + line.unit(), "自 " + name, null);
        OrderView view = order(id);
        audit.record("dispatch.supply", "dispatch_order", id, null, view);
        return view;
    }

    private static final List<String> STATUSES = List.of("ORDERED", "EN_ROUTE", "ON_SCENE", "RETURNED");
    private static final Map<String, String> STATUS_LABELS = Map.of("ORDERED", "已下令", "EN_ROUTE", "途中",
            "ON_SCENE", "到达现场", "RETURNED", "已归建");

    /** Moves an order forward (never back); RETURNED releases the team or returns unused supplies. */
    @Transactional
    OrderView advance(CurrentUser user, long incidentId, long orderId, String status, BigDecimal returnedQuantity) {
        incidents.visibleRow(user, incidentId);
        OrderView before = order(orderId);
        if (before.incidentId() != incidentId) {
            throw new ProblemException.NotFound("调派单", orderId);
        }
        int from = STATUSES.indexOf(before.status());
        int to = STATUSES.indexOf(status);
        if (to < 0) {
            throw new ProblemException.InvalidField("status", "dispatch.status", "状态须为 EN_ROUTE、ON_SCENE 或 RETURNED");
        }
        if (to <= from) {
            throw new ProblemException.Conflict("conflict.dispatch-status", "调派单已是「" + STATUS_LABELS.get(before.status())
                    + "」，不能改为「" + STATUS_LABELS.get(status) + "」");
        }
        if (status.equals("RETURNED")) {
            if (before.kind().equals("TEAM")) {
                deployments.release(before.resourceId());
            } else {
                BigDecimal back = returnedQuantity == null ? BigDecimal.ZERO : returnedQuantity;
                if (back.signum() < 0 || back.compareTo(before.quantity()) > 0) {
                    throw new ProblemException.InvalidField("returnedQuantity", "Range", "退回数量须在 0 到调拨数量之间");
                }
                if (back.signum() > 0) {
                    deployments.restock(before.resourceId(), before.itemId(), back);
                }
            }
        }
        jdbc.sql("update dispatch_order set status = ?, updated_at = ? where id = ?")
                .params(status, Timestamp.from(clock.instant()), orderId).update();
        OrderView after = order(orderId);
        timeline.add(incidentId, Timeline.Kind.DISPATCH, STATUS_LABELS.get(status) + "：" + after.resourceName()
                + (after.itemName() == null ? "" : "（" + after.itemName() + "）"), null, null);
        audit.record("dispatch.advance", "dispatch_order", orderId, before, after);
        return after;
    }

    List<OrderView> orders(CurrentUser user, long incidentId) {
        incidents.visibleRow(user, incidentId);
        return jdbc.sql("select * from dispatch_order where incident_id = ? order by id").param(incidentId)
                .query(OrderView.class).list();
    }

    /** The drive from a resource to the incident; a straight-line estimate when no road joins them. */
    private TravelTimes.Route travelFrom(ResourceView from, Incidents.Row incident) {
        try {
            return travel.route(from.lon(), from.lat(), incident.lon(), incident.lat());
        } catch (ProblemException unreachable) {
            double meters = ResourceQueries.haversineMeters(from.lon(), from.lat(), incident.lon(), incident.lat());
            return new TravelTimes.Route(meters / UNREACHABLE_SPEED_M_PER_S, meters, List.of(), true, "无道路连通，按直线估算");
        }
    }

    private long insert(CurrentUser user, long incidentId, String kind, long resourceId, String name, Long itemId,
                        String itemName, BigDecimal quantity, TravelTimes.Route t) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        insert into dispatch_order (incident_id, kind, resource_id, resource_name, item_id, item_name, quantity,
                            travel_seconds, travel_estimate, distance_meters, ordered_at, updated_at, ordered_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(incidentId, kind, resourceId, name, itemId, itemName, quantity, (int) Math.round(t.seconds()), t.estimate(), (int) Math.round(t.meters()), Timestamp.from(now), Timestamp.from(now),
                        user.username())
                .query(Long.class).single();
    }

    private OrderView order(long id) {
        return jdbc.sql("select * from dispatch_order where id = ?").param(id).query(OrderView.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("调派单", id));
    }

    @SuppressWarnings("unchecked")
    private static List<String> specialties(ResourceView team) {
        Object value = team.attributes().get("specialties");
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
