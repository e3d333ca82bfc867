package org.yingji.resources;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.web.ProblemException;

/**
 * What the command module may change in the resource base when it dispatches: a team's availability and a
 * warehouse's stock. Runs in the caller's transaction so a dispatch order and its effect commit together.
 */
@Service
public class Deployments {

    private final JdbcClient jdbc;
    private final Resources resources;
    private final AuditLog audit;

    Deployments(JdbcClient jdbc, Resources resources, AuditLog audit) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.audit = audit;
    }

    /** AVAILABLE → DEPLOYED; 409 when the team is already out (the row lock makes two dispatchers race safely). */
    @Transactional(propagation = Propagation.MANDATORY)
    public ResourceView deploy(RegionScope scope, long teamId) {
        ResourceView team = team(scope, teamId);
        int changed = jdbc.sql("update resource set status = 'DEPLOYED', updated_at = now() where id = ? and status = 'AVAILABLE'")
                .param(teamId).update();
        if (changed == 0) {
            throw new ProblemException.Conflict("conflict.team-deployed", "队伍「" + team.name() + "」已出动或不可用，不能重复调派");
        }
        audit.record("team.deploy", "resource", teamId, Map.of("status", team.status()), Map.of("status", "DEPLOYED"));
        return team;
    }

    /** Back to AVAILABLE when the team returns. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(long teamId) {
        resources.setStatus(teamId, "AVAILABLE");
        audit.record("team.release", "resource", teamId, Map.of("status", "DEPLOYED"), Map.of("status", "AVAILABLE"));
    }

    /** Takes supplies out of a warehouse and returns the warehouse; 409 when it holds less than asked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ResourceView withdraw(RegionScope scope, long warehouseId, long itemId, BigDecimal quantity) {
        ResourceView warehouse = resources.find(ResourceKind.WAREHOUSE, warehouseId, scope)
                .orElseThrow(() -> new ProblemException.NotFound(ResourceKind.WAREHOUSE.label(), warehouseId));
        int changed = jdbc.sql("update stock set quantity = quantity - ?, updated_at = now() where warehouse_id = ? and item_id = ? and quantity >= ?")
                .params(quantity, warehouseId, itemId, quantity).update();
        if (changed == 0) {
            throw new ProblemException.Conflict("conflict.stock-short", "该储备库库存不足");
        }
        audit.record("stock.withdraw", "stock", warehouseId + "/" + itemId, null, Map.of("quantity", quantity.negate()));
        return warehouse;
    }

    /** Puts returned supplies back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void restock(long warehouseId, long itemId, BigDecimal quantity) {
        jdbc.sql("update stock set quantity = quantity + ?, updated_at = now() where warehouse_id = ? and item_id = ?")
                .params(quantity, warehouseId, itemId).update();
        audit.record("stock.restock", "stock", warehouseId + "/" + itemId, null, Map.of("quantity", quantity));
    }

    private ResourceView team(RegionScope scope, long teamId) {
        return resources.find(ResourceKind.RESCUE_TEAM, teamId, scope)
                .orElseThrow(() -> new ProblemException.NotFound(ResourceKind.RESCUE_TEAM.label(), teamId));
    }
}
