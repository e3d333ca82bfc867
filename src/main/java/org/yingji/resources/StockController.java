package org.yingji.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;

@Tag(name = "应急物资 Supplies and stock")
@RestController
@PreAuthorize("hasAuthority('resource:read')")
class StockController {

    private final Stocks stocks;

    StockController(Stocks stocks) {
        this.stocks = stocks;
    }

    record StockChange(BigDecimal quantity, BigDecimal minQuantity) {
    }

    @Operation(summary = "The supply catalogue")
    @GetMapping("/api/supply-items")
    List<Stocks.SupplyItem> catalogue() {
        return stocks.catalogue();
    }

    @Operation(summary = "Stock of a warehouse, with low-stock flags")
    @GetMapping("/api/warehouses/{id}/stock")
    List<Stocks.StockLine> stock(@PathVariable long id) {
        return stocks.of(CurrentUser.get(), id);
    }

    @Operation(summary = "Set the quantity and minimum of one item in a warehouse")
    @PreAuthorize("hasAuthority('resource:manage')")
    @PutMapping("/api/warehouses/{id}/stock/{itemId}")
    Stocks.StockLine set(@PathVariable long id, @PathVariable long itemId, @RequestBody StockChange change) {
        return stocks.set(CurrentUser.get(), id, itemId, change.quantity(), change.minQuantity());
    }
}
