package org.yingji.resources;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/** The supply catalogue and the stock each warehouse holds, with its low-stock line. */
@Service
public class Stocks {

    private final JdbcClient jdbc;
    private final Resources resources;
    private final AuditLog audit;

    Stocks(JdbcClient jdbc, Resources resources, AuditLog audit) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.audit = audit;
    }

    public record SupplyItem(long id, String code, String name, String category, String unit) {
    }

    /** One line of a warehouse's stock; {@code low} when the quantity is under the minimum. */
    public record StockLine(long itemId, String itemCode, String itemName, String category, String unit,
                            BigDecimal quantity, BigDecimal minQuantity, boolean low) {
    }

    public List<SupplyItem> catalogue() {
        return jdbc.sql("select id, code, name, category, unit from supply_item order by id").query(SupplyItem.class).list();
    }

    public List<StockLine> of(CurrentUser user, long warehouseId) {
        warehouse(user, warehouseId);
        return lines(warehouseId);
    }

    @Transactional
    public StockLine set(CurrentUser user, long warehouseId, long itemId, BigDecimal quantity, BigDecimal minQuantity) {
        warehouse(user, warehouseId);
        if (quantity == null || quantity.signum() < 0) {
            throw new ProblemException.InvalidField("quantity", "Min", "库存数量不能为空或负数");
        }
        if (minQuantity != null && minQuantity.signum() < 0) {
            throw new ProblemException.InvalidField("minQuantity", "Min", "最低库存不能为负数");
        }
        if (jdbc.sql("select count(*) from supply_item where id = ?").param(itemId).query(Long.class).single() == 0) {
            throw new ProblemException.NotFound("物资品类", itemId);
        }
        StockLine before = lines(warehouseId).stream().filter(l -> l.itemId() == itemId).findFirst().orElse(null);
        jdbc.sql("""
                        insert into stock (warehouse_id, item_id, quantity, min_quantity, updated_at)
                        values (?, ?, ?, ?, now())
                        on conflict (warehouse_id, item_id) do update
                        set quantity = excluded.quantity, min_quantity = excluded.min_quantity, updated_at = now()""")
                .params(warehouseId, itemId, quantity, minQuantity == null ? BigDecimal.ZERO : minQuantity).update();
        StockLine after = lines(warehouseId).stream().filter(l -> l.itemId() == itemId).findFirst().orElseThrow();
        audit.record("stock.set", "stock", warehouseId + "/" + itemId, before, after);
        return after;
    }

    private void warehouse(CurrentUser user, long warehouseId) {
        resources.find(ResourceKind.WAREHOUSE, warehouseId, user.scope())
                .orElseThrow(() -> new ProblemException.NotFound(ResourceKind.WAREHOUSE.label(), warehouseId));
    }

    private List<StockLine> lines(long warehouseId) {
        return jdbc.sql("""
                        select i.id as item_id, i.code as item_code, i.name as item_name, i.category, i.unit,
                               s.quantity, s.min_quantity, s.quantity < s.min_quantity as low
                        from stock s join supply_item i on i.id = s.item_id
                        where s.warehouse_id = ? order by i.id""")
                .param(warehouseId).query(StockLine.class).list();
    }
}
