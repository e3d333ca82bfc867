package org.yingji.platform.region;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

@Tag(name = "行政区划 Regions")
@RestController
@RequestMapping("/api/regions")
class RegionController {

    private final Regions regions;

    RegionController(Regions regions) {
        this.regions = regions;
    }

    record RegionNode(String code, String name, RegionLevel level, List<RegionNode> children) {
    }

    @Operation(summary = "Regions of my subtree, by level and/or parent")
    @GetMapping
    List<Region> list(@RequestParam(required = false) RegionLevel level,
                      @RequestParam(required = false) String parent) {
        return regions.list(CurrentUser.get().scope(), level, parent);
    }

    @Operation(summary = "The region tree rooted at my region, down to the given depth (default TOWNSHIP)")
    @GetMapping("/tree")
    List<RegionNode> tree(@RequestParam(defaultValue = "TOWNSHIP") RegionLevel depth) {
        String root = CurrentUser.get().regionCode();
        return regions.find(root).map(region -> List.of(node(region, depth))).orElse(List.of());
    }

    @Operation(summary = "One region by its code")
    @GetMapping("/{code}")
    Region get(@PathVariable String code) {
        return regions.find(code).filter(region -> CurrentUser.get().scope().contains(region.code()))
                .orElseThrow(() -> new ProblemException.NotFound("行政区划", code));
    }

    @Operation(summary = "GeoJSON of a level: boundary polygons where public data has them, else centre points")
    @GetMapping(value = "/geojson", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    Map<String, Object> geojson(@RequestParam RegionLevel level) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (Region region : regions.list(CurrentUser.get().scope(), level, null)) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("code", region.code());
            properties.put("name", region.name());
            properties.put("level", region.level());
            properties.put("parentCode", region.parentCode());
            properties.put("approximate", region.approximate());
            properties.put("population", region.population());
            Object geometry;
            var boundary = regions.boundary(region.code());
            if (boundary.isPresent()) {
                properties.put("shape", "boundary");
                geometry = new RawJson(boundary.get());
            } else {
                properties.put("shape", "centre");
                geometry = Map.of("type", "Point", "coordinates", List.of(region.lon(), region.lat()));
            }
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", region.code());
            feature.put("geometry", geometry);
            feature.put("properties", properties);
            features.add(feature);
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private RegionNode node(Region region, RegionLevel depth) {
        List<RegionNode> children = region.level().ordinal() >= depth.ordinal() ? List.of()
                : regions.list(RegionScope.of(region.code()), null, region.code()).stream()
                .map(child -> node(child, depth)).toList();
        return new RegionNode(region.code(), region.name(), region.level(), children);
    }
}
